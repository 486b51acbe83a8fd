package dev.channels.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.ChannelsListener;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Presence;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.core.Endpoint;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.JakartaChannels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The big room of the presence issue, as Phoenix measured it: N clients join one topic over
 * real WebSockets (Jetty on loopback, the JDK's {@code java.net.http.WebSocket} as clients,
 * all in this JVM), each tracked on join with {@code presence_state} pushed, as PROTOCOL.md
 * §5.2 shows. Prints the time to settle (first connect until the last frame any client
 * received), and the frames and bytes the clients received, by event. Not a test.
 *
 * <p>Every client reads as fast as it can; one of them (the first) applies the diffs and
 * must end listing all N keys, and the server's list must hold N keys, or the run fails.
 * Bytes are WebSocket payload bytes (all ASCII, so characters), without frame headers.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.channels.benchmarks.BigRoom 5000 25} (clients, diff window in ms; 0 sends each change
 * at once, as Phoenix does).
 */
public final class BigRoom {

    private static final String TOPIC = "room:big";
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final int CONNECTING = 100;

    private BigRoom() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        long window = args.length > 1 ? Long.parseLong(args[1]) : 25;
        AtomicLong drops = new AtomicLong();
        Room room = new Room();
        Endpoint endpoint = Endpoint.builder().socket("/socket", room)
                .presenceDiffWindow(Duration.ofMillis(window))
                .idleTimeout(Duration.ofHours(1))
                .listener(new ChannelsListener() {
                    @Override
                    public void dropped(Dropped event) {
                        drops.incrementAndGet();
                    }
                }).build();
        room.presence = endpoint.presence();
        Server server = jetty(endpoint);
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        try {
            run(clients, window, port, endpoint, drops);
        } finally {
            endpoint.shutdown(Duration.ofSeconds(5));
            server.stop();
        }
    }

    private static void run(int clients, long window, int port, Endpoint endpoint,
            AtomicLong drops) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/socket/websocket?vsn=2.0.0");
        HttpClient http = HttpClient.newHttpClient();
        Counts counts = new Counts();
        Observer observer = new Observer();
        Semaphore connecting = new Semaphore(CONNECTING);
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>(clients);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            acquire(connecting, 1);
            Client client = new Client("u" + i, counts, connecting, i == 0 ? observer : null);
            sockets.add(http.newWebSocketBuilder().buildAsync(uri, client));
        }
        acquire(connecting, CONNECTING);
        long joinedAt = System.nanoTime();
        while (System.nanoTime() - counts.lastFrameAt.get() < QUIET.toNanos()
                || observer.keys() < clients) {
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                throw new IllegalStateException("did not settle in 30 minutes: observer lists "
                        + observer.keys() + " keys");
            }
            Thread.sleep(100);
        }
        long settled = counts.lastFrameAt.get() - start;
        int listed = endpoint.presence().list(TOPIC).size();
        System.out.printf("clients %d, diff window %d ms%n", clients, window);
        System.out.printf("all joined after %.1f s, settled after %.1f s%n",
                (joinedAt - start) / 1e9, settled / 1e9);
        System.out.printf("frames received %,d (%.1f per client), bytes %,d (%.1f MB)%n",
                counts.frames.get(), counts.frames.get() / (double) clients, counts.bytes.get(),
                counts.bytes.get() / 1e6);
        System.out.printf("  presence_diff: %,d frames, %,d bytes%n", counts.diffFrames.get(),
                counts.diffBytes.get());
        System.out.printf("  presence_state: %,d frames, %,d bytes%n", counts.stateFrames.get(),
                counts.stateBytes.get());
        System.out.printf("observer lists %d keys, server lists %d, sockets dropped %d%n",
                observer.keys(), listed, drops.get());
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.join().abort();
        }
        if (listed != clients || observer.keys() != clients || drops.get() > 0) {
            throw new IllegalStateException("the room did not converge");
        }
    }

    private static void acquire(Semaphore connecting, int permits)
            throws InterruptedException {
        if (!connecting.tryAcquire(permits, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("a join got no reply within 2 minutes");
        }
    }

    private static Server jetty(Endpoint endpoint) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("jetty");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, ws) ->
                JakartaChannels.install(servletContext, endpoint, ChannelsOptions.defaults()));
        server.setHandler(context);
        server.start();
        return server;
    }

    /** What every client received; updated from the HTTP client's threads. */
    private static final class Counts {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong diffFrames = new AtomicLong();
        final AtomicLong diffBytes = new AtomicLong();
        final AtomicLong stateFrames = new AtomicLong();
        final AtomicLong stateBytes = new AtomicLong();
        final AtomicLong lastFrameAt = new AtomicLong(System.nanoTime());
    }

    /** A phoenix.js-like client: joins on open, counts every frame, never sends again. */
    private static final class Client implements WebSocket.Listener {

        private final String user;
        private final Counts counts;
        private final Semaphore connecting;
        private final Observer observer;
        /** The frame being received in parts; owned by the client's receiving thread. */
        private final StringBuilder partial = new StringBuilder();
        private boolean joined;

        Client(String user, Counts counts, Semaphore connecting, Observer observer) {
            this.user = user;
            this.counts = counts;
            this.connecting = connecting;
            this.observer = observer;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.sendText("[\"1\",\"1\",\"" + TOPIC + "\",\"phx_join\",{\"user\":\"" + user
                    + "\"}]", true);
            socket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (!last) {
                return null;
            }
            String frame = partial.toString();
            partial.setLength(0);
            count(frame);
            if (!joined && frame.contains("\"phx_reply\"")) {
                joined = true;
                connecting.release();
            }
            if (observer != null) {
                observer.apply(frame);
            }
            return null;
        }

        private void count(String frame) {
            counts.frames.incrementAndGet();
            counts.bytes.addAndGet(frame.length());
            if (frame.startsWith("[null,null,\"" + TOPIC + "\",\"presence_diff\"")) {
                counts.diffFrames.incrementAndGet();
                counts.diffBytes.addAndGet(frame.length());
            } else if (frame.contains("\"presence_state\"")) {
                counts.stateFrames.incrementAndGet();
                counts.stateBytes.addAndGet(frame.length());
            }
            counts.lastFrameAt.set(System.nanoTime());
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            System.err.println(user + ": " + error);
        }
    }

    /** Applies state and diffs to a key set, as the JS Presence would to its keys. */
    private static final class Observer {

        private static final ObjectMapper JSON = new ObjectMapper();
        private final Set<String> keys = new HashSet<>();

        synchronized void apply(String frame) {
            try {
                JsonNode message = JSON.readTree(frame);
                String event = message.get(3).asText();
                if (event.equals("presence_state")) {
                    message.get(4).fieldNames().forEachRemaining(keys::add);
                } else if (event.equals("presence_diff")) {
                    message.get(4).get("joins").fieldNames().forEachRemaining(keys::add);
                    message.get(4).get("leaves").fieldNames().forEachRemaining(keys::remove);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        synchronized int keys() {
            return keys.size();
        }
    }

    /** Tracks each joining user with {@code {"online_at": ms}}, then pushes the state. */
    private static final class Room implements Socket {

        volatile Presence presence;

        @Override
        public void routes(Routes routes) {
            routes.channel("room:*", RoomChannel::new);
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept(Map.of());
        }

        private final class RoomChannel implements Channel {

            private String user;

            @Override
            public Join join(String topic, Payload params, ChannelContext channel) {
                user = params.find("user").map(Payload::asText).orElse("anonymous");
                channel.send("after_join");
                return Join.ok();
            }

            @Override
            public void handleInfo(Object message, ChannelContext channel) {
                presence.track(channel, user, Map.of("online_at", System.currentTimeMillis()));
                channel.push("presence_state", presence.list(channel.topic()));
            }
        }
    }
}
