package dev.channels.jakarta;

import dev.channels.core.Endpoint;
import jakarta.servlet.ServletContext;

/**
 * How a web application hands its {@link Endpoint} to the container without code that calls
 * {@link JakartaChannels}: implement this, list the class in
 * {@code META-INF/services/dev.channels.jakarta.EndpointProvider}, and the library's
 * {@code ServletContainerInitializer} serves every socket of the endpoint when the
 * application starts, and shuts the endpoint down (draining its sockets) when it stops.
 *
 * <p>Both methods are called once, on the container's startup thread, before any request.
 * An exception from either fails the application's deployment.
 */
public interface EndpointProvider {

    /**
     * Builds the application's endpoint.
     *
     * @param context the starting application's servlet context
     * @return the endpoint to serve; the container owns its shutdown from now on
     */
    Endpoint endpoint(ServletContext context);

    /**
     * The transport options to serve it with.
     *
     * @param context the starting application's servlet context
     * @return the options; {@link ChannelsOptions#defaults()} unless overridden
     */
    default ChannelsOptions options(ServletContext context) {
        return ChannelsOptions.defaults();
    }
}
