/**
 * Jakarta WebSocket and servlet long-poll transports for a channels endpoint: see
 * {@link dev.channels.jakarta.JakartaChannels}.
 */
module dev.channels.jakarta {
    requires transitive dev.channels.core;
    requires transitive jakarta.servlet;
    requires jakarta.websocket;
    requires jakarta.websocket.client;
    requires org.slf4j;

    exports dev.channels.jakarta;
    // The test kit's WebSocket mode serves its own acceptor through the real servlet, so that
    // tests run over this transport exactly as an application's clients do. channels-jetty
    // runs the same handshake (HandshakeServlet, Gate, Requests) before Jetty's native upgrade
    // and serves long-poll with the same servlet, instead of a copy of either.
    exports dev.channels.jakarta.internal to dev.channels.testkit, dev.channels.jetty;

    uses dev.channels.jakarta.EndpointProvider;
    provides jakarta.servlet.ServletContainerInitializer
            with dev.channels.jakarta.internal.ChannelsInitializer;
}
