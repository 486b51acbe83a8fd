package dev.channels.testkit.internal.websocket;

import dev.channels.ConnectInfo;
import dev.channels.Socket;
import dev.channels.core.Endpoint;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.SocketAcceptor;
import dev.channels.testkit.internal.ClientConnection;
import dev.channels.testkit.internal.ClientTransport;
import dev.channels.testkit.internal.ServerFrames;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee11.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Test clients that reach the endpoint over a real WebSocket: Jetty's Jakarta WebSocket client
 * dials the kit's {@link KitServer}, which serves the endpoint through channels-jakarta. Frames
 * are V2 text and binary messages on the wire; what the server sends is handed to the kit as
 * it arrives, one message at a time per connection. Thread-safe.
 */
public final class WebSocketClients implements ClientTransport {

    private static final String VSN = "2.0.0";
    /** Bounds the server side's upgrade after the client is open; it is normally at once. */
    private static final Duration OPEN_WAIT = Duration.ofSeconds(10);
    private static WebSocketContainer client;

    private final Endpoint endpoint;
    private final KitServer server;
    private final WebSocketContainer container;

    /**
     * A transport to an endpoint; starts the shared server and client on first use.
     *
     * @param endpoint the endpoint
     * @throws IllegalStateException when Jetty fails to start
     */
    public WebSocketClients(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.server = KitServer.shared();
        this.container = sharedClient();
    }

    /** One client (and its threads, daemons) for every connection of the JVM. */
    private static synchronized WebSocketContainer sharedClient() {
        if (client == null) {
            QueuedThreadPool threads = new QueuedThreadPool(32, 2);
            threads.setName("channels-testkit-client");
            threads.setDaemon(true);
            HttpClient http = new HttpClient();
            http.setExecutor(threads);
            http.setScheduler(new ScheduledExecutorScheduler("channels-testkit-client-scheduler",
                    true));
            JakartaWebSocketClientContainer started = new JakartaWebSocketClientContainer(http);
            try {
                started.start();
            } catch (Exception e) {
                throw new IllegalStateException("the test kit's WebSocket client (Jetty) did"
                        + " not start: " + e, e);
            }
            client = started;
        }
        return client;
    }

    @Override
    public Attempt connect(Socket socket, Map<String, String> params, ConnectInfo info,
            ServerFrames frames) {
        KitServer.Pending pending = KitServer.Pending.connect(endpoint.acceptor(socket), info);
        Map<String, String> query = new LinkedHashMap<>(params);
        query.putIfAbsent("vsn", VSN);
        return dial(pending, query, frames);
    }

    @Override
    public ClientConnection open(Socket socket, Map<String, ?> assigns, String id,
            ServerFrames frames) {
        SocketAcceptor acceptor = endpoint.acceptor(socket);
        Attempt attempt = dial(KitServer.Pending.withoutConnect(acceptor, assigns, id),
                new LinkedHashMap<>(Map.of("vsn", VSN)), frames);
        if (attempt.connection() == null) {
            throw new IllegalStateException("the socket at " + acceptor.path() + " was"
                    + " refused over WebSocket (" + attempt.status() + "): " + attempt.reason());
        }
        return attempt.connection();
    }

    private Attempt dial(KitServer.Pending pending, Map<String, String> query,
            ServerFrames frames) {
        String key = server.register(pending);
        query.put(KitServer.KEY, key);
        WebSocketConnection connection = new WebSocketConnection(frames);
        try {
            container.connectToServer(connection, ClientEndpointConfig.Builder.create().build(),
                    server.uri(query));
        } catch (Exception e) {
            return refusal(pending, e);
        } finally {
            server.forget(key);
        }
        connection.opened(await(pending.opened, "the server did not open its side of the"
                + " WebSocket"));
        return new Attempt(connection, 101, "");
    }

    /** The refusal the server answered, or a failure when the dial failed otherwise. */
    private static Attempt refusal(KitServer.Pending pending, Exception failure) {
        Handshake handshake = pending.outcome.getNow(null);
        if (handshake == null || handshake.accepted()) {
            throw new IllegalStateException("the test client could not connect over"
                    + " WebSocket: " + failure, failure);
        }
        return new Attempt(null, handshake.status(), handshake.reason());
    }

    private static Inbound await(CompletableFuture<Inbound> opened, String what) {
        try {
            return opened.get(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " within " + OPEN_WAIT.toSeconds() + " s",
                    e);
        }
    }
}
