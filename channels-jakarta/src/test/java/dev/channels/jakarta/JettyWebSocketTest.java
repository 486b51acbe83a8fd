package dev.channels.jakarta;

/** The WebSocket scenarios on Jetty 12.1 (EE 11). */
class JettyWebSocketTest extends WebSocketScenarios {

    @Override
    protected Container container() {
        return new JettyContainer();
    }
}
