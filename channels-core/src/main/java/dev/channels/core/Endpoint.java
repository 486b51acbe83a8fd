package dev.channels.core;

import dev.channels.Broadcast;
import dev.channels.ChannelsListener;
import dev.channels.ConnectInfo;
import dev.channels.CloseCodes;
import dev.channels.ExitReason;
import dev.channels.Presence;
import dev.channels.PresenceFetcher;
import dev.channels.Socket;
import dev.channels.Subscription;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.presence.PresenceService;
import dev.channels.core.internal.presence.TrackerConfig;
import dev.channels.core.internal.pubsub.LocalPubSub;
import dev.channels.core.internal.pubsub.Subscriber;
import dev.channels.core.internal.runtime.Config;
import dev.channels.core.internal.runtime.EndpointRuntime;
import dev.channels.core.internal.runtime.Threads;
import dev.channels.core.internal.runtime.Mailbox;
import dev.channels.core.internal.runtime.Mount;
import dev.channels.core.internal.runtime.SocketHandler;
import dev.channels.core.internal.runtime.SocketSession;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.transport.SocketAcceptor;
import dev.channels.spi.transport.Handshake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of one application: its sockets by mount path, its pub/sub, its threads and
 * settings. Built once with {@link #builder()}, shared by every transport, and safe to use
 * from any thread.
 *
 * <pre>{@code
 * Endpoint endpoint = Endpoint.builder()
 *         .socket("/socket", new UserSocket(tokens))
 *         .build();
 * // a transport serves endpoint.acceptor("/socket") at /socket/websocket
 * endpoint.broadcast("room:42", "new_msg", Map.of("body", "from a REST controller"));
 * endpoint.disconnect("users_socket:7");
 * endpoint.close();
 * }</pre>
 *
 * <h2>Threads</h2>
 * <p>Channel callbacks run on virtual threads on Java 21 and later, and on a bounded pool
 * ({@link Builder#threads(int)}) on Java 17, unless {@link Builder#executor} supplies one.
 * A blocking callback holds one of those threads, so on Java 17 size the pool for the
 * blocking your channels do.
 */
public final class Endpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final EndpointRuntime runtime;
    private final Map<String, Acceptor> acceptors;
    private final boolean ownsExecutor;
    private final int drainBatchSize;
    private final Duration drainInterval;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PresenceService presence;

    private Endpoint(Builder builder) {
        Config config = new Config(builder.idleTimeout, builder.maxChannelsPerSocket,
                builder.maxOutboundMessages, builder.maxOutboundBytes, builder.maxFrameBytes,
                builder.maxPendingInbound, Set.copyOf(builder.filteredParams), builder.listener,
                builder.logLevel, builder.nodeName);
        this.ownsExecutor = builder.executor == null;
        this.drainBatchSize = builder.drainBatchSize;
        this.drainInterval = builder.drainInterval;
        ExecutorService executor = ownsExecutor ? Threads.callbacks(builder.threads)
                : builder.executor;
        ScheduledExecutorService scheduler = Threads.scheduler();
        LocalPubSub pubSub = new LocalPubSub(builder.pubSub, builder.nodeName, executor,
                builder.fanOutParallelism);
        this.runtime = new EndpointRuntime(config, executor, scheduler, pubSub);
        this.presence = new PresenceService(pubSub, scheduler, executor,
                builder.presenceTiming.withPoolSize(builder.presencePoolSize),
                builder.presenceFetcher, builder.presenceDiffWindow.toMillis());
        Map<String, Acceptor> mounted = new LinkedHashMap<>();
        builder.sockets.forEach((path, socket) ->
                mounted.put(path, new Acceptor(new SocketHandler(path, socket))));
        this.acceptors = Map.copyOf(mounted);
    }

    /**
     * This endpoint's presence: who is on which topic, on every node that shares the
     * pub/sub adapter. Replicated as Phoenix.Tracker does (no central store); diffs go to
     * this node's subscribers as {@code presence_diff}. See {@link Presence}.
     *
     * @return the presence, the same instance on every call
     */
    public Presence presence() {
        return presence;
    }

    /**
     * Starts building an endpoint.
     *
     * @return a builder with Phoenix's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The entry point of the socket mounted at a path, for transports.
     *
     * @param path the mount path, such as {@code /socket}
     * @return the acceptor
     * @throws IllegalArgumentException when no socket is mounted there
     */
    public SocketAcceptor acceptor(String path) {
        Acceptor acceptor = acceptors.get(path);
        if (acceptor == null) {
            throw new IllegalArgumentException("no socket is mounted at " + path
                    + "; mounted: " + acceptors.keySet());
        }
        return acceptor;
    }

    /**
     * The entry point of a socket instance mounted on this endpoint, for code that knows the
     * socket rather than its path (the test kit connects {@code kit.connect(userSocket, …)}
     * the way Phoenix's {@code connect(UserSocket, …)} names the handler).
     *
     * @param socket a socket given to {@link Builder#socket(String, Socket)}, compared by
     *     identity
     * @return the acceptor of the first path it is mounted at
     * @throws IllegalArgumentException when this instance is not mounted here
     */
    public SocketAcceptor acceptor(Socket socket) {
        Objects.requireNonNull(socket, "socket");
        for (Acceptor acceptor : acceptors.values()) {
            if (acceptor.handler.socket() == socket) {
                return acceptor;
            }
        }
        throw new IllegalArgumentException("this " + socket.getClass().getName()
                + " instance is not mounted on the endpoint; mount it with"
                + " Endpoint.builder().socket(path, socket) and pass that same instance");
    }

    /**
     * Every mounted socket's entry point, for transports that serve them all.
     *
     * @return the acceptors, in mount order
     */
    public Collection<SocketAcceptor> acceptors() {
        return List.copyOf(acceptors.values());
    }

    /**
     * Broadcasts an event to every subscriber of a topic on every node: clients joined to
     * it receive {@code [null,null,topic,event,payload]}, or their channel's
     * {@code handleOut} when it intercepts the event.
     *
     * @param topic the topic
     * @param event the event
     * @param payload a value that encodes to a JSON object (map, record, bean) or a
     *     {@link dev.channels.Binary}
     * @throws IllegalArgumentException when the payload is not an object or binary
     */
    public void broadcast(String topic, String event, Object payload) {
        runtime.pubSub().broadcast(topic, event, encode(event, payload), null);
    }

    /**
     * Broadcasts like {@link #broadcast}, skipping one host subscription (its consumer does
     * not receive it).
     *
     * @param from the subscription to skip
     * @param topic the topic
     * @param event the event
     * @param payload a JSON object value or a {@link dev.channels.Binary}
     */
    public void broadcastFrom(Subscription from, String topic, String event, Object payload) {
        Subscriber skip = from instanceof HostSubscription ? ((HostSubscription) from).subscriber
                : null;
        runtime.pubSub().broadcast(topic, event, encode(event, payload), skip);
    }

    /**
     * Broadcasts to this node's subscribers only.
     *
     * @param topic the topic
     * @param event the event
     * @param payload a JSON object value or a {@link dev.channels.Binary}
     */
    public void localBroadcast(String topic, String event, Object payload) {
        runtime.pubSub().localBroadcast(topic, event, encode(event, payload), null);
    }

    private static EncodedPayload encode(String event, Object payload) {
        Objects.requireNonNull(event, "event");
        EncodedPayload encoded = EncodedPayload.of(Objects.requireNonNull(payload, "payload"));
        if (!encoded.isObjectOrBinary()) {
            throw new IllegalArgumentException("a broadcast payload must encode to a JSON object"
                    + " (a map, record or bean) or be a Binary, got " + encoded);
        }
        return encoded;
    }

    /**
     * Closes every socket, on every node, whose {@link Socket#id} is this id, with close code
     * {@link CloseCodes#GOING_AWAY 1001}; their channels terminate with
     * {@link ExitReason#DISCONNECTED} and send nothing. phoenix.js reconnects, and
     * {@link Socket#connect} decides again.
     *
     * @param socketId the socket id, such as {@code "users_socket:7"}
     */
    public void disconnect(String socketId) {
        runtime.pubSub().broadcast(socketId, "disconnect", EncodedPayload.EMPTY_OBJECT, null);
    }

    /**
     * Subscribes host code to a topic. The consumer receives each broadcast on a runtime
     * thread, one at a time, in order; it must not block for long.
     *
     * @param topic the topic
     * @param consumer receives the broadcasts
     * @return the subscription; close it to unsubscribe
     */
    public Subscription subscribe(String topic, Consumer<Broadcast> consumer) {
        HostSubscription subscription = new HostSubscription(topic, consumer);
        runtime.pubSub().subscribe(topic, subscription.subscriber);
        return subscription;
    }

    /**
     * The number of connected sockets on this node.
     *
     * @return the count
     */
    public int socketCount() {
        return runtime.sockets().size();
    }

    /**
     * The number of joined channels on this node.
     *
     * @return the count
     */
    public int channelCount() {
        return runtime.channelCount();
    }

    /**
     * The number of local pub/sub subscriptions on this node: one per joined channel, one
     * per extra topic a channel subscribed to, one per named socket (its id topic) and one
     * per open {@link #subscribe host subscription}. A count that keeps growing is a leak.
     *
     * @return the count
     */
    public int subscriptionCount() {
        return runtime.pubSub().subscriptionCount();
    }

    /**
     * This node's name on the pub/sub bus.
     *
     * @return the name
     */
    public String nodeName() {
        return runtime.pubSub().node();
    }

    /**
     * Shuts down, draining: sockets are closed with {@link CloseCodes#SERVICE_RESTART 1012}
     * in batches ({@link Builder#drain}), each once the frames already queued for it are
     * written (its channels terminate with {@link ExitReason#DRAINING}), so clients reconnect
     * to other nodes a batch at a time; then the threads stop. New connections are refused
     * from the start. Sockets still open when the timeout is near are closed at once. Returns
     * when every socket closed or the timeout passed. Calling it again does nothing.
     *
     * @param timeout how long the whole drain may take
     */
    public void shutdown(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        drain(deadline);
        runtime.closeAll(CloseCodes.SERVICE_RESTART, "restart", ExitReason.DRAINING);
        runtime.awaitNoSockets(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (!runtime.sockets().isEmpty()) {
            LOG.info("{} sockets did not close within {}", runtime.sockets().size(), timeout);
        }
        presence.close();
        runtime.pubSub().close();
        runtime.scheduler().shutdownNow();
        if (ownsExecutor) {
            runtime.executor().shutdown();
            try {
                runtime.executor().awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the sockets in batches, waiting the interval between two batches. */
    private void drain(long deadline) {
        List<SocketSession> sockets = new ArrayList<>(runtime.sockets());
        for (int from = 0; from < sockets.size(); from += drainBatchSize) {
            int to = Math.min(sockets.size(), from + drainBatchSize);
            for (SocketSession socket : sockets.subList(from, to)) {
                socket.close(CloseCodes.SERVICE_RESTART, "restart", ExitReason.DRAINING);
            }
            LOG.debug("drained {} of {} sockets", to, sockets.size());
            long left = deadline - System.nanoTime();
            if (to == sockets.size() || left <= drainInterval.toNanos()) {
                return;
            }
            sleep(drainInterval);
        }
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down, waiting up to 30 seconds for sockets to flush. */
    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    /** A host subscription with its own mailbox, so its consumer runs serially. */
    private final class HostSubscription implements Subscription {

        private final String topic;
        private final Subscriber subscriber;
        private final AtomicBoolean open = new AtomicBoolean(true);

        HostSubscription(String topic, Consumer<Broadcast> consumer) {
            this.topic = topic;
            Mailbox mailbox = new Mailbox(runtime.executor(), false);
            this.subscriber = dispatch -> mailbox.execute(() -> {
                if (open.get()) {
                    consumer.accept(dispatch.toBroadcast());
                }
            });
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                runtime.pubSub().unsubscribe(topic, subscriber);
            }
        }
    }

    /** The runtime's entry point for one mount path. */
    private final class Acceptor implements SocketAcceptor, Mount {

        private final SocketHandler handler;

        Acceptor(SocketHandler handler) {
            this.handler = handler;
        }

        @Override
        public String path() {
            return handler.path();
        }

        @Override
        public Handshake handshake(Map<String, String> params, ConnectInfo info) {
            if (closed.get()) {
                throw new IllegalStateException("the endpoint is shut down");
            }
            return runtime.handshake(handler, params, info);
        }

        @Override
        public Handshake withoutConnect(Map<String, ?> assigns, String id, ConnectInfo info) {
            if (closed.get()) {
                throw new IllegalStateException("the endpoint is shut down");
            }
            return runtime.withoutConnect(handler, assigns, id, info);
        }
    }

    /**
     * Builds an {@link Endpoint}. Every setting has Phoenix's default. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, Socket> sockets = new LinkedHashMap<>();
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxChannelsPerSocket = 100;
        private int maxOutboundMessages = 10_000;
        private long maxOutboundBytes = 16L * 1024 * 1024;
        private int maxFrameBytes = 8 * 1024 * 1024;
        private int maxPendingInbound = 1_000;
        private final Set<String> filteredParams = new LinkedHashSet<>(List.of("password",
                "token"));
        private ChannelsListener listener = ChannelsListener.NONE;
        private String logLevel = "info";
        private String nodeName = "node-" + UUID.randomUUID().toString().substring(0, 8);
        private PubSubAdapter pubSub = PubSubAdapter.local();
        private ExecutorService executor;
        private int threads = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
        private int drainBatchSize = 10_000;
        private Duration drainInterval = Duration.ofSeconds(2);
        private Duration presenceDiffWindow = Duration.ofMillis(25);
        private PresenceFetcher presenceFetcher = PresenceFetcher.IDENTITY;
        private int presencePoolSize = 1;
        private int fanOutParallelism = Runtime.getRuntime().availableProcessors();
        private TrackerConfig presenceTiming = TrackerConfig.defaults();

        private Builder() {
        }

        /**
         * Mounts a socket at a path; transports serve it at {@code {path}/websocket} and
         * {@code {path}/longpoll}.
         *
         * @param path the mount path, starting with {@code /}, such as {@code /socket}
         * @param socket the socket
         * @return this builder
         */
        public Builder socket(String path, Socket socket) {
            if (!path.startsWith("/") || path.length() > 1 && path.endsWith("/")) {
                throw new IllegalArgumentException("a mount path starts with / and does not"
                        + " end with /, such as /socket; got " + path);
            }
            if (sockets.putIfAbsent(path, Objects.requireNonNull(socket, "socket")) != null) {
                throw new IllegalArgumentException("a socket is already mounted at " + path);
            }
            return this;
        }

        /**
         * Closes a socket that sent nothing for this long (phoenix.js sends a heartbeat every
         * 30 s). Default 60 s.
         *
         * @param timeout the idle timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * The most channels one socket may join; later joins get
         * {@code {"reason":"too many channels joined"}}. Default 100.
         *
         * @param max the limit
         * @return this builder
         */
        public Builder maxChannelsPerSocket(int max) {
            this.maxChannelsPerSocket = atLeastOne(max, "maxChannelsPerSocket");
            return this;
        }

        /**
         * Bounds each socket's outbound queue. A client that does not read fast enough to
         * stay under both limits is closed with {@link CloseCodes#SLOW_CONSUMER 4000}
         * {@code "slow consumer"}. Defaults: 10,000 frames and 16 MiB.
         *
         * @param messages the most frames queued
         * @param bytes the most bytes queued (text counted in characters)
         * @return this builder
         */
        public Builder outboundLimit(int messages, long bytes) {
            this.maxOutboundMessages = atLeastOne(messages, "messages");
            if (bytes < 1) {
                throw new IllegalArgumentException("bytes must be at least 1, got " + bytes);
            }
            this.maxOutboundBytes = bytes;
            return this;
        }

        /**
         * The largest inbound frame; a larger one closes the socket with
         * {@link CloseCodes#TOO_BIG 1009}. Default 8 MiB.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxFrameSize(int bytes) {
            this.maxFrameBytes = atLeastOne(bytes, "maxFrameSize");
            return this;
        }

        /**
         * The most client messages one socket may have waiting to be handled; beyond it the
         * socket is closed with {@link CloseCodes#POLICY_VIOLATION 1008}. Default 1,000.
         *
         * @param max the limit
         * @return this builder
         */
        public Builder maxPendingInbound(int max) {
            this.maxPendingInbound = atLeastOne(max, "maxPendingInbound");
            return this;
        }

        /**
         * Adds parameter names whose values logs and events show as {@code [FILTERED]};
         * {@code password} and {@code token} always are.
         *
         * @param names the names
         * @return this builder
         */
        public Builder filterParameters(String... names) {
            filteredParams.addAll(List.of(names));
            return this;
        }

        /**
         * Receives typed events (connect, join, handle-in, leave, close, drop).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ChannelsListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The level of the connect and join log lines: {@code "info"} (default),
         * {@code "debug"} or {@code "off"}.
         *
         * @param level the level
         * @return this builder
         */
        public Builder logLevel(String level) {
            if (!Set.of("info", "debug", "off").contains(level)) {
                throw new IllegalArgumentException("logLevel is info, debug or off; got " + level);
            }
            this.logLevel = level;
            return this;
        }

        /**
         * Carries broadcasts between nodes. Default: this node only.
         *
         * @param adapter the adapter; started by {@link #build()}, closed by shutdown
         * @return this builder
         */
        public Builder pubSub(PubSubAdapter adapter) {
            this.pubSub = Objects.requireNonNull(adapter, "adapter");
            return this;
        }

        /**
         * This node's name among the nodes sharing a pub/sub adapter. Default: random.
         *
         * @param name a name unique among the nodes
         * @return this builder
         */
        public Builder nodeName(String name) {
            this.nodeName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Runs callbacks and writes on the host's executor, which the endpoint does not shut
         * down. It must run tasks in parallel and not reject them.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The size of the callback pool on Java 17 (virtual threads are used on 21+).
         * Default: the larger of 16 and 8 per core.
         *
         * @param threads the pool size
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = atLeastOne(threads, "threads");
            return this;
        }

        /**
         * How many threads at most deliver one broadcast to this node's subscribers. A topic
         * with at least 2,048 local subscribers is cut into that many shares, delivered at
         * once on the callback executor with the broadcasting thread taking part; the
         * broadcast returns when every share is done, so one sender's messages keep their
         * order. Default: the number of cores. 1 delivers on the broadcasting thread only.
         *
         * @param threads the threads per broadcast, at least 1
         * @return this builder
         */
        public Builder fanOutParallelism(int threads) {
            this.fanOutParallelism = atLeastOne(threads, "fanOutParallelism");
            return this;
        }

        /**
         * How {@link Endpoint#shutdown} drains (Phoenix's {@code drainer}): sockets are closed
         * with 1012 in batches of {@code batchSize}, {@code interval} apart, so clients do not
         * all reconnect elsewhere at once. Defaults: 10,000 sockets every 2 s.
         *
         * @param batchSize the sockets closed together, at least 1
         * @param interval the pause between two batches, zero or more
         * @return this builder
         */
        public Builder drain(int batchSize, Duration interval) {
            this.drainBatchSize = atLeastOne(batchSize, "batchSize");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative, got "
                        + interval);
            }
            this.drainInterval = interval;
            return this;
        }

        /**
         * How long presence changes of one topic are merged into one {@code presence_diff}.
         * Phoenix sends one diff per change, so a room of N members that N users join costs
         * N x N frames; merging over a short window costs about one frame per member per
         * window, and the JS {@code Presence} applies merged diffs exactly as the separate
         * ones. Zero sends a change as soon as the topic's previous diff has been handed to
         * its subscribers; changes that arrive meanwhile are still merged. Default 25 ms.
         *
         * @param window the window, zero or more
         * @return this builder
         */
        public Builder presenceDiffWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("presenceDiffWindow must not be negative, got "
                        + window);
            }
            this.presenceDiffWindow = window;
            return this;
        }

        /**
         * The hook that enriches presences before they are listed or sent in a diff.
         * Default: unchanged.
         *
         * @param fetcher the fetcher
         * @return this builder
         */
        public Builder presenceFetcher(PresenceFetcher fetcher) {
            this.presenceFetcher = Objects.requireNonNull(fetcher, "fetcher");
            return this;
        }

        /**
         * The number of presence shards; every node sharing the adapter must use the same.
         * Default 1, as Phoenix.
         *
         * @param shards the number of shards, at least 1
         * @return this builder
         */
        public Builder presencePoolSize(int shards) {
            this.presencePoolSize = atLeastOne(shards, "presencePoolSize");
            return this;
        }

        /**
         * The presence tracker's timing between nodes (PROTOCOL.md §6.4). Every
         * {@code broadcastPeriod} each node sends its changes to the others; a node with
         * nothing to send still sends an empty heartbeat after
         * {@code downPeriod / (2 x broadcastPeriod)} silent ticks (10 with the defaults, as
         * Phoenix), so its peers hear it about twice per down period. A node not heard from
         * for {@code downPeriod} (killed,
         * cut off) is marked down by its peers, and its presences leave everywhere with a
         * {@code presence_diff}; heard again, it is up and they join again. After
         * {@code permdownPeriod} of silence it is forgotten. Defaults, Phoenix's: 1.5 s, 30 s
         * and 20 min. Shorter periods detect a dead node sooner and cost more heartbeats
         * through the pub/sub; every node sharing the adapter should use the same values.
         *
         * @param broadcastPeriod the heartbeat tick, positive
         * @param downPeriod the silence before down, at least 2 x {@code broadcastPeriod}
         * @param permdownPeriod the silence before a node is forgotten, longer than
         *         {@code downPeriod}
         * @return this builder
         * @throws IllegalArgumentException when a period breaks one of these rules, naming it
         */
        public Builder presenceTiming(Duration broadcastPeriod, Duration downPeriod,
                Duration permdownPeriod) {
            long broadcast = positive(broadcastPeriod, "broadcastPeriod").toMillis();
            if (broadcast < 1) {
                throw new IllegalArgumentException("broadcastPeriod must be at least 1 ms, got "
                        + broadcastPeriod);
            }
            long down = downPeriod.toMillis();
            long permdown = permdownPeriod.toMillis();
            int silent = (int) Math.max(1, Math.min(Integer.MAX_VALUE, down / (2 * broadcast)));
            TrackerConfig defaults = TrackerConfig.defaults();
            this.presenceTiming = new TrackerConfig(defaults.poolSize(), broadcast, silent,
                    defaults.clockSamplePeriods(), down, permdown, defaults.maxDeltaSizes(),
                    defaults.permdownOnShutdown());
            return this;
        }

        /**
         * Builds the endpoint: reads every socket's routes and starts the pub/sub adapter.
         *
         * @return the endpoint
         */
        public Endpoint build() {
            return new Endpoint(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
