package dev.channels.jakarta;

import dev.channels.core.Endpoint;
import jakarta.servlet.ServletContext;

/**
 * A servlet container started in this JVM on an ephemeral port of 127.0.0.1, serving one
 * endpoint through {@link JakartaChannels} (or, for an implementation that overrides
 * {@link #start(Endpoint, ChannelsOptions)}, through another transport of the same contract).
 * One per test class: starting one takes about a second.
 */
public interface Container extends AutoCloseable {

    /**
     * Starts serving.
     *
     * @param endpoint the endpoint
     * @param options the transport options
     * @return the port
     * @throws Exception when the container fails to start
     */
    default int start(Endpoint endpoint, ChannelsOptions options) throws Exception {
        return start(context -> JakartaChannels.install(context, endpoint, options));
    }

    /**
     * Starts serving what the installer registers on the starting context.
     *
     * @param installer called once while the context starts
     * @return the port
     * @throws Exception when the container fails to start
     */
    int start(Installer installer) throws Exception;

    /** Registers servlets while a context starts. */
    @FunctionalInterface
    interface Installer {
        void install(ServletContext context);
    }

    /** The container's name, for messages. */
    String name();

    @Override
    void close() throws Exception;
}
