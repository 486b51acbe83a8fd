package dev.channels.examples.chat;

import dev.channels.jetty.JettyChannels;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the chat on an embedded Jetty 12 (EE 11), its sockets on Jetty's WebSocket core
 * ({@link JettyChannels}): {@code PORT} (default 4000), and {@code REDIS_URL} /
 * {@code NODE_NAME} to run several nodes side by side.
 */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);

    private final Server server;
    private final Chat chat;
    private final ServerConnector connector;

    private ChatServer(Server server, Chat chat, ServerConnector connector) {
        this.server = server;
        this.chat = chat;
        this.connector = connector;
    }

    /**
     * Starts the chat on a port.
     *
     * @param port the port, or 0 for any free one
     * @param env the environment (secret, Redis, node name)
     * @return the running server
     * @throws Exception when Jetty cannot start
     */
    public static ChatServer start(int port, Map<String, String> env) throws Exception {
        Chat chat = new Chat(env);
        // WebSockets need no thread while idle: threads only serve HTTP requests, upgrades
        // and the selectors. Jetty's default pool grows to 200 under a burst of upgrades and
        // each thread keeps the stack it touched (about 100 KB here); 16 per core is plenty.
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(32,
                16 * Runtime.getRuntime().availableProcessors()), 8);
        threads.setName("chat");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        // The JDK's default listen backlog is 50: a burst of clients reconnecting at once
        // (a deploy, a network blip) overflows it and some are refused.
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JettyChannels.install(context, chat.endpoint());
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                chat.installHttp(event.getServletContext());
            }
        });
        server.setHandler(context);
        server.setStopTimeout(10_000);
        server.start();
        return new ChatServer(server, chat, connector);
    }

    /**
     * The port the chat listens on.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /** Drains the chat's sockets (close code 1012), then stops Jetty. */
    @Override
    public void close() throws Exception {
        chat.close();
        server.stop();
    }

    /**
     * Runs the chat until the process is stopped.
     *
     * @param args unused
     * @throws Exception when Jetty cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "4000"));
        ChatServer chat = start(port, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                chat.close();
            } catch (Exception e) {
                LOG.warn("shutdown failed", e);
            }
        }, "chat-shutdown"));
        LOG.info("chat running at http://localhost:{}", chat.port());
        chat.server.join();
    }
}
