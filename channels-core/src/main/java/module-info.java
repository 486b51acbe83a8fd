/**
 * The channels runtime: {@link dev.channels.core.Endpoint}, the socket and channel state
 * machines, the serializers, local pub/sub, {@link dev.channels.core.Token} and the
 * in-memory transport.
 */
module dev.channels.core {
    requires transitive dev.channels.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.channels.core;
    exports dev.channels.core.memory;
    // Opening a socket without connect is for Phoenix-style channel tests only.
    exports dev.channels.core.internal.testing to dev.channels.testkit;
}
