/**
 * Test channels the way Phoenix's {@code ChannelTest} does, through the real runtime and
 * without a server: {@link dev.channels.testkit.ChannelsTestKit} and the JUnit 5
 * {@link dev.channels.testkit.ChannelsTestExtension}.
 */
module dev.channels.testkit {
    requires transitive dev.channels.core;
    requires transitive org.junit.jupiter.api;
    requires com.fasterxml.jackson.databind;

    exports dev.channels.testkit;
}
