package dev.channels.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of a load run against a server that follows the chat example's contract:
 * {@code GET /token?user_id=N}, a socket (Phoenix V2 at {@code /socket/websocket}, or STOMP
 * at {@code /stomp} for the Spring peer), {@code GET /broadcast} and {@code GET /stats}.
 * Sockets run on {@link SocketLoop}s, non-blocking, a few hundred bytes of heap each; the few
 * HTTP requests go through one {@link HttpClient}. One more thread sends Phoenix heartbeats
 * every 30 s.
 *
 * <p>Not thread-safe to open from several threads at once; the sockets it opens may be used
 * from any thread.
 */
public final class LoadClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long HEARTBEAT_SECONDS = 30;

    private final String base;
    private final String protocol;
    private final InetSocketAddress address;
    private final SocketLoop[] loops;
    private final ExecutorService callbacks;
    private final HttpClient http;
    private final ScheduledExecutorService heartbeats;
    private final List<Connection> open = Collections.synchronizedList(new ArrayList<>());

    /**
     * A client for the server at {@code base} ({@code http://host:port}).
     *
     * @param protocol {@code phoenix} or {@code stomp}
     * @param threads how many selector threads run the sockets
     */
    public LoadClient(String base, String protocol, int threads) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.protocol = protocol;
        URI uri = URI.create(this.base);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80
                : uri.getPort());
        this.loops = new SocketLoop[Math.max(1, threads)];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new SocketLoop("load-socket-" + (i + 1));
        }
        this.callbacks = Executors.newFixedThreadPool(1, daemon("load-http"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).executor(callbacks).build();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("load-heartbeat"));
        heartbeats.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Opens {@code count} sockets, each as user {@code firstUser + i}, and joins each to
     * {@code topic}, with at most {@code inFlight} token fetches, handshakes and joins under
     * way at once. Blocks until every socket joined or failed.
     *
     * @return the joined sockets; failures are counted and printed, not thrown
     */
    public List<Connection> openAndJoin(int count, int firstUser, String topic, int inFlight,
            Connection.Handler handler) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicInteger failures = new AtomicInteger();
        List<Connection> joined = Collections.synchronizedList(new ArrayList<>(count));
        for (int i = 0; i < count; i++) {
            permits.acquire();
            Connection connection = Connection.create(protocol, i, topic, handler);
            connect(firstUser + i, connection).whenComplete((ok, error) -> {
                if (error == null) {
                    joined.add(connection);
                } else if (failures.incrementAndGet() <= 5) {
                    System.err.println("socket " + connection.id() + " failed: " + error);
                }
                permits.release();
            });
        }
        permits.acquire(inFlight);
        permits.release(inFlight);
        if (failures.get() > 0) {
            System.err.printf("%d of %d sockets failed to join%n", failures.get(), count);
        }
        open.addAll(joined);
        return joined;
    }

    /** Asks the server to broadcast {@code body} on {@code topic}; blocks for the answer. */
    public void broadcast(String topic, String event, String body)
            throws IOException, InterruptedException {
        get("/broadcast?topic=" + encode(topic) + "&event=" + encode(event) + "&body="
                + encode(body));
    }

    /** The same request as {@link #broadcast}, without waiting; for paced runs. */
    public CompletableFuture<JsonNode> broadcastAsync(String topic, String event, String body) {
        HttpRequest request = request("/broadcast?topic=" + encode(topic) + "&event="
                + encode(event) + "&body=" + encode(body));
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(LoadClient::parse);
    }

    /** {@code GET /stats}, after a collection on the server when {@code gc} is true. */
    public JsonNode stats(boolean gc) throws IOException, InterruptedException {
        return get(gc ? "/stats?gc=1" : "/stats");
    }

    /** {@code GET path} on the server, parsed as JSON; a status other than 200 throws. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return parse(http.send(request(path), HttpResponse.BodyHandlers.ofString()));
    }

    /** Closes every socket this client opened and stops its threads. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        synchronized (open) {
            open.forEach(Connection::close);
        }
        callbacks.shutdown();
        for (SocketLoop loop : loops) {
            loop.close();
        }
    }

    private CompletableFuture<Connection> connect(int user, Connection connection) {
        SocketLoop loop = loops[connection.id() % loops.length];
        return http.sendAsync(request("/token?user_id=" + user),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(LoadClient::parse)
                .thenCompose(token -> {
                    try {
                        NioWebSocket.connect(loop, address,
                                connection.path(encode(token.get("token").asText())),
                                connection);
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                    return connection.joined();
                })
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
    }

    private void heartbeat() {
        List<Connection> snapshot;
        synchronized (open) {
            snapshot = new ArrayList<>(open);
        }
        snapshot.forEach(Connection::heartbeat);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return Frame.json().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.request().uri() + " answered no JSON", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
