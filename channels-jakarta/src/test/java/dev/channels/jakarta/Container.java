package dev.channels.jakarta;

import dev.channels.core.Endpoint;

/**
 * A servlet container started in this JVM on an ephemeral port of 127.0.0.1, serving one
 * endpoint through {@link JakartaChannels}. One per test class: starting one takes about a
 * second.
 */
interface Container extends AutoCloseable {

    /**
     * Starts serving.
     *
     * @param endpoint the endpoint
     * @param options the transport options
     * @return the port
     * @throws Exception when the container fails to start
     */
    int start(Endpoint endpoint, ChannelsOptions options) throws Exception;

    /** The container's name, for messages. */
    String name();

    @Override
    void close() throws Exception;
}
