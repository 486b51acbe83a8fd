package dev.channels.jakarta;

/** Drain at shutdown on Jetty 12.1 (EE 11). */
class JettyDrainTest extends DrainScenarios {

    @Override
    protected Container container() {
        return new JettyContainer();
    }
}
