package dev.channels.testkit.internal.websocket;

import dev.channels.ConnectInfo;
import dev.channels.core.internal.testing.TestSupport;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.OriginCheck;
import dev.channels.jakarta.internal.WebSocketServlet;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.ServletRegistration;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The WebSocket server of the kit's WebSocket mode: one embedded Jetty per JVM on an ephemeral
 * port of 127.0.0.1, started by the first kit that selects the mode and left running (its
 * threads are daemons). It serves channels-jakarta's own WebSocket servlet, around an acceptor
 * that routes each connection to the endpoint of the kit that dialled it: kits come and go
 * with their endpoints (one per test) while the server stays.
 *
 * <p>Before dialling, a client {@link #register registers} what it wants (which socket, with
 * or without {@code connect}, which connect info) under a one-time key that travels as the
 * query parameter {@value #KEY}; the acceptor takes the key out of the parameters before the
 * socket's {@code connect} sees them. The server runs in the test's JVM, so it also hands the
 * opened server-side socket back to the client, for the kit's in-process hooks
 * ({@code assigns}, {@code send} to {@code handleInfo}, waiting for {@code terminate}).
 * Thread-safe.
 */
final class KitServer {

    /** The query parameter that names a registered connection. */
    static final String KEY = "channels_testkit_connection";
    /** Where the servlet is mapped. */
    private static final String PATH = "/channels-testkit/websocket";
    /** Test clients send no Origin; the origin check is the transport's own business. */
    private static final ChannelsOptions OPTIONS = ChannelsOptions.builder()
            .checkOrigin(OriginCheck.none()).longPoll(false).build();

    private static KitServer shared;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private final int port;

    private KitServer() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("channels-testkit-jetty");
        threads.setDaemon(true);
        Server server = new Server(threads,
                new ScheduledExecutorScheduler("channels-testkit-jetty-scheduler", true), null);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servlets, ws) -> {
            ServletRegistration.Dynamic servlet = servlets.addServlet("channels-testkit",
                    new WebSocketServlet(new Router(), OPTIONS));
            servlet.setAsyncSupported(true);
            servlet.addMapping(PATH);
        });
        server.setHandler(context);
        server.start();
        this.port = connector.getLocalPort();
    }

    /**
     * The server, started on first use.
     *
     * @return the running server
     * @throws IllegalStateException when Jetty fails to start
     */
    static synchronized KitServer shared() {
        if (shared == null) {
            try {
                shared = new KitServer();
            } catch (Exception e) {
                throw new IllegalStateException("the test kit's WebSocket server (Jetty) did"
                        + " not start: " + e, e);
            }
        }
        return shared;
    }

    /**
     * Registers a connection the caller is about to dial.
     *
     * @param connection what the server side should do with it
     * @return the key to dial with
     */
    String register(Pending connection) {
        String key = Long.toString(keys.incrementAndGet());
        pending.put(key, connection);
        return key;
    }

    /**
     * Forgets a registration that was not used (the dial failed before the handshake).
     *
     * @param key the key from {@link #register}
     */
    void forget(String key) {
        pending.remove(key);
    }

    /**
     * The address to dial with these query parameters.
     *
     * @param params the query parameters, the key included
     * @return the WebSocket URI
     */
    URI uri(Map<String, String> params) {
        return URI.create("ws://127.0.0.1:" + port + PATH + "?" + query(params));
    }

    private static String query(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** What one registered connection asks of the server side. */
    static final class Pending {

        final SocketAcceptor target;
        final ConnectInfo info;
        final boolean skipConnect;
        final Map<String, ?> assigns;
        final String id;
        /** The handshake's outcome, so that a refusal's status and reason reach the test. */
        final CompletableFuture<Handshake> outcome = new CompletableFuture<>();
        /** The server-side socket, once the upgrade opened it. */
        final CompletableFuture<Inbound> opened = new CompletableFuture<>();

        private Pending(SocketAcceptor target, ConnectInfo info, boolean skipConnect,
                Map<String, ?> assigns, String id) {
            this.target = target;
            this.info = info;
            this.skipConnect = skipConnect;
            this.assigns = assigns;
            this.id = id;
        }

        /** A connection through the socket's {@code connect}; info null for the real one. */
        static Pending connect(SocketAcceptor target, ConnectInfo info) {
            return new Pending(target, info, false, null, null);
        }

        /** A connection that skips {@code connect}, with given assigns and id. */
        static Pending withoutConnect(SocketAcceptor target, Map<String, ?> assigns,
                String id) {
            return new Pending(target, null, true, assigns, id);
        }
    }

    /** The servlet's acceptor: routes each connection to its kit's endpoint. */
    private final class Router implements SocketAcceptor {

        @Override
        public String path() {
            return "/";
        }

        @Override
        public Handshake handshake(Map<String, String> params, ConnectInfo info) {
            String key = params.get(KEY);
            Pending connection = key == null ? null : pending.remove(key);
            if (connection == null) {
                return Handshake.refused(404, "not a connection registered by a test kit");
            }
            Map<String, String> own = new LinkedHashMap<>(params);
            own.remove(KEY);
            try {
                Handshake handshake = handshake(connection, own, info);
                connection.outcome.complete(handshake);
                return handshake.accepted() ? new Opening(handshake, connection.opened)
                        : handshake;
            } catch (RuntimeException e) {
                connection.outcome.completeExceptionally(e);
                throw e;
            }
        }

        private Handshake handshake(Pending connection, Map<String, String> params,
                ConnectInfo real) {
            if (connection.skipConnect) {
                return TestSupport.withoutConnect(connection.target, connection.assigns,
                        connection.id, asMounted(real, connection.target.path(), params));
            }
            ConnectInfo info = connection.info != null ? connection.info
                    : asMounted(real, connection.target.path(), params);
            return connection.target.handshake(params, info);
        }
    }

    /**
     * The real connect info as if the socket were served at its own mount path: the URI's
     * path becomes {@code {mount}/websocket} and the kit's key leaves the query.
     */
    private static ConnectInfo asMounted(ConnectInfo real, String mount,
            Map<String, String> params) {
        URI uri = real.uri();
        String path = (mount.equals("/") ? "" : mount) + "/websocket";
        URI mounted;
        try {
            mounted = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path, null,
                    null).resolve(path + "?" + query(params));
        } catch (URISyntaxException | IllegalArgumentException e) {
            mounted = uri;
        }
        ConnectInfo.Builder info = ConnectInfo.builder(real.transport()).uri(mounted)
                .peer(real.peer().orElse(null)).authToken(real.authToken().orElse(null));
        for (Map.Entry<String, List<String>> header : real.headers().entrySet()) {
            header.getValue().forEach(value -> info.header(header.getKey(), value));
        }
        real.subprotocols().forEach(info::subprotocol);
        return info.build();
    }

    /** An accepted handshake that hands the opened server-side socket to its client. */
    private static final class Opening implements Handshake {

        private final Handshake handshake;
        private final CompletableFuture<Inbound> opened;

        Opening(Handshake handshake, CompletableFuture<Inbound> opened) {
            this.handshake = handshake;
            this.opened = opened;
        }

        @Override
        public boolean accepted() {
            return handshake.accepted();
        }

        @Override
        public int status() {
            return handshake.status();
        }

        @Override
        public String reason() {
            return handshake.reason();
        }

        @Override
        public String serializer() {
            return handshake.serializer();
        }

        @Override
        public Inbound open(Connection connection) {
            try {
                Inbound inbound = handshake.open(connection);
                opened.complete(inbound);
                return inbound;
            } catch (RuntimeException e) {
                opened.completeExceptionally(e);
                throw e;
            }
        }

        @Override
        public void abandon() {
            handshake.abandon();
            opened.completeExceptionally(new IllegalStateException("the upgrade failed"));
        }
    }
}
