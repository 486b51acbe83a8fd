package dev.channels.jakarta.internal;

import dev.channels.core.Endpoint;
import dev.channels.jakarta.EndpointProvider;
import dev.channels.jakarta.JakartaChannels;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Found by the container in a WAR ({@code META-INF/services}): serves the endpoint of every
 * {@link EndpointProvider} the application lists, and shuts each down when the application
 * stops. Does nothing when the application lists none.
 */
public final class ChannelsInitializer implements ServletContainerInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelsInitializer.class);

    /** Called by the container. */
    public ChannelsInitializer() {
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        ServiceLoader<EndpointProvider> providers = ServiceLoader.load(EndpointProvider.class,
                context.getClassLoader());
        for (EndpointProvider provider : providers) {
            Endpoint endpoint = provider.endpoint(context);
            JakartaChannels.install(context, endpoint, provider.options(context));
            context.addListener(new Shutdown(endpoint));
            LOG.info("serving the channels endpoint of {} at {}", provider.getClass().getName(),
                    context.getContextPath().isEmpty() ? "/" : context.getContextPath());
        }
    }

    /** Shuts an endpoint down (drain) when its application stops. */
    private static final class Shutdown implements ServletContextListener {

        private final Endpoint endpoint;

        Shutdown(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            endpoint.close();
        }
    }
}
