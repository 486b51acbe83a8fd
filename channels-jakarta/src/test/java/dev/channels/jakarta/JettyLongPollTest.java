package dev.channels.jakarta;

/** The long-poll scenarios on Jetty 12.1 (EE 11). */
class JettyLongPollTest extends LongPollScenarios {

    @Override
    protected Container container() {
        return new JettyContainer();
    }
}
