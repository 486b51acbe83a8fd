package dev.channels.jetty;

import dev.channels.jakarta.Container;
import dev.channels.jakarta.WebSocketScenarios;

/** The WebSocket scenarios of channels-jakarta over Jetty's own WebSocket API. */
class JettyNativeWebSocketTest extends WebSocketScenarios {

    @Override
    protected Container container() {
        return new JettyNativeContainer();
    }
}
