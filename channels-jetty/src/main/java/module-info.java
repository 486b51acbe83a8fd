/**
 * Jetty 12.1's WebSocket core (and channels-jakarta's long-poll) for a channels endpoint: see
 * {@link dev.channels.jetty.JettyChannels}.
 */
module dev.channels.jetty {
    requires transitive dev.channels.core;
    requires transitive dev.channels.jakarta;
    requires transitive org.eclipse.jetty.ee11.servlet;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.websocket.core.common;
    requires org.eclipse.jetty.websocket.core.server;
    requires jakarta.servlet;
    requires org.slf4j;

    exports dev.channels.jetty;
}
