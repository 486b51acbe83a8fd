/**
 * Test channels the way Phoenix's {@code ChannelTest} does, through the real runtime and
 * without a server: {@link dev.channels.testkit.ChannelsTestKit} and the JUnit 5
 * {@link dev.channels.testkit.ChannelsTestExtension}.
 */
module dev.channels.testkit {
    requires transitive dev.channels.core;
    requires transitive org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;

    // The WebSocket mode only: optional, read when a test selects it.
    requires static dev.channels.jakarta;
    requires static jakarta.servlet;
    requires static jakarta.websocket;
    requires static jakarta.websocket.client;
    requires static org.eclipse.jetty.client;
    requires static org.eclipse.jetty.server;
    requires static org.eclipse.jetty.util;
    requires static org.eclipse.jetty.ee11.servlet;
    requires static org.eclipse.jetty.ee11.websocket.jakarta.client;
    requires static org.eclipse.jetty.ee11.websocket.jakarta.server;

    exports dev.channels.testkit;
}
