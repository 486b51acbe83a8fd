package dev.channels.jetty;

import dev.channels.jakarta.Container;
import dev.channels.jakarta.DrainScenarios;

/** Drain at shutdown over Jetty's WebSocket core. */
class JettyNativeDrainTest extends DrainScenarios {

    @Override
    protected Container container() {
        return new JettyNativeContainer();
    }
}
