package dev.channels.jakarta;

/** The WebSocket scenarios on Tomcat 11. */
class TomcatWebSocketTest extends WebSocketScenarios {

    @Override
    protected Container container() {
        return new TomcatContainer();
    }
}
