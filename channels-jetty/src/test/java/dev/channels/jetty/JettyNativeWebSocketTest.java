package dev.channels.jetty;

import dev.channels.jakarta.Container;
import dev.channels.jakarta.WebSocketScenarios;

/** The WebSocket scenarios of channels-jakarta over Jetty's WebSocket core. */
class JettyNativeWebSocketTest extends WebSocketScenarios {

    @Override
    protected Container container() {
        return new JettyNativeContainer();
    }
}
