package dev.channels.jetty;

import dev.channels.jakarta.Container;
import dev.channels.jakarta.LongPollScenarios;

/** The long-poll scenarios on a context served by JettyChannels. */
class JettyNativeLongPollTest extends LongPollScenarios {

    @Override
    protected Container container() {
        return new JettyNativeContainer();
    }
}
