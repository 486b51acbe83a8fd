package dev.channels.jakarta;

/** The long-poll scenarios on Tomcat 11. */
class TomcatLongPollTest extends LongPollScenarios {

    @Override
    protected Container container() {
        return new TomcatContainer();
    }
}
