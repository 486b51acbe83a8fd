package dev.channels.jetty;

import dev.channels.core.Endpoint;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.Container;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12.1 (EE 11 servlets) serving the endpoint through {@link JettyChannels}: Jetty's
 * WebSocket core, no Jakarta WebSocket on the context at all.
 */
final class JettyNativeContainer implements Container {

    private Server server;

    @Override
    public int start(Endpoint endpoint, ChannelsOptions options) throws Exception {
        return startWith(context -> JettyChannels.install(context, endpoint, options));
    }

    @Override
    public int start(Installer installer) throws Exception {
        return startWith(context -> context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                installer.install(event.getServletContext());
            }
        }));
    }

    /**
     * Starts Jetty with a context that the setup prepares before it starts.
     *
     * @param setup called once with the context, before it starts
     * @return the port
     * @throws Exception when Jetty fails to start
     */
    int startWith(Consumer<ServletContextHandler> setup) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("jetty");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        setup.accept(context);
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public String name() {
        return "Jetty (native WebSocket)";
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
