/**
 * Jetty 12.1's own WebSocket transport (and channels-jakarta's long-poll) for a channels
 * endpoint: see {@link dev.channels.jetty.JettyChannels}.
 *
 * <p>Jetty finds the listener methods of {@code dev.channels.jetty.internal.JettyConnection}
 * through {@code MethodHandles.publicLookup()}, which reaches only unconditionally exported
 * packages. On the class path (how Jetty is nearly always embedded) that is every package; on
 * the module path the internal package would have to be exported, which this module does not
 * do, so run it on the class path.
 */
module dev.channels.jetty {
    requires transitive dev.channels.core;
    requires transitive dev.channels.jakarta;
    requires transitive org.eclipse.jetty.ee11.servlet;
    requires org.eclipse.jetty.ee11.websocket.jetty.server;
    requires org.eclipse.jetty.websocket.api;
    requires jakarta.servlet;
    requires org.slf4j;

    exports dev.channels.jetty;
}
