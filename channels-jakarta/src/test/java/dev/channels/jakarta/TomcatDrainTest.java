package dev.channels.jakarta;

/** Drain at shutdown on Tomcat 11. */
class TomcatDrainTest extends DrainScenarios {

    @Override
    protected Container container() {
        return new TomcatContainer();
    }
}
