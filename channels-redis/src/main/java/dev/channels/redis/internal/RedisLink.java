package dev.channels.redis.internal;

import dev.channels.redis.RedisPubSubStats;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's link to Redis: two connections (one subscribed, one publishing), the topics it
 * hears, the messages waiting to go out, and reconnection.
 *
 * <h2>Threads</h2>
 * <p>{@link #subscribe}, {@link #unsubscribe} and {@link #publish} may be called from any
 * thread and never block: they queue and return. One driver thread, owned by the link, owns
 * the connections, the {@link Subscriptions} and every state change; the queues are drained
 * there. Lettuce's I/O threads deliver incoming messages (through the {@link Receiver}) and
 * complete publishes; they hand anything that changes state to the driver.
 *
 * <h2>Reconnecting</h2>
 * <p>Lettuce's own reconnect is off: after a reconnect it would resubscribe every channel in
 * one command. The driver notices a lost connection, closes both, and opens new ones after
 * a backoff; it then subscribes this node's own channel and every wanted topic in batches,
 * and resumes publishing.
 *
 * <h2>Publishing</h2>
 * <p>Messages wait in a buffer bounded in messages and bytes; beyond it they are dropped and
 * counted (delivery between nodes is at most once). While connected, the driver moves them
 * to Redis pipelined: many {@code PUBLISH} commands per flush, at most a bounded number
 * unanswered. While disconnected they wait, and go out after reconnecting.
 */
public final class RedisLink {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;
    private static final int FLUSH_EVERY = 256;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final Settings settings;
    private final String node;
    private final ChannelNames names;
    private final Health health;
    private final Receiver receiver;
    private final ScheduledThreadPoolExecutor driver;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;

    private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean opsScheduled = new AtomicBoolean();
    private final LinkedBlockingQueue<Outgoing> outgoing;
    private final AtomicLong outgoingBytes = new AtomicLong();
    private final AtomicBoolean publishScheduled = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BiConsumer<Long, Throwable> onPublished = this::published;
    /** The topics subscribed on the current connection; written by the driver. */
    private volatile int subscribedTopics;

    /** Driver thread only, like every field below. */
    private final Subscriptions subscriptions;
    private State state = State.DOWN;
    private int generation;
    private int failures;
    private StatefulRedisConnection<byte[], byte[]> publisher;
    private StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

    /**
     * Creates a link; {@link #start()} connects it.
     *
     * @param settings the adapter's settings
     * @param node this node's name
     * @param inbox where messages from other nodes go
     */
    public RedisLink(Settings settings, String node, PubSubAdapter.Inbox inbox) {
        this.settings = settings;
        this.node = node;
        this.names = new ChannelNames(settings.keyPrefix());
        this.health = new Health(node, redacted(settings.uri()));
        this.receiver = new Receiver(node, inbox);
        this.subscriptions = new Subscriptions(settings.batchSize());
        this.outgoing = new LinkedBlockingQueue<>(settings.maxPendingMessages());
        this.driver = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "channels-redis-" + node);
            thread.setDaemon(true);
            return thread;
        });
        driver.setRemoveOnCancelPolicy(true);
        this.uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.connectTimeout())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                execute(() -> connectionClosed(connection));
            }
        });
    }

    /** Connects in the background; returns at once. */
    public void start() {
        execute(this::connect);
    }

    /**
     * Starts hearing a topic; returns at once.
     *
     * @param topic the topic
     */
    public void subscribe(String topic) {
        queueOp(new Op(topic, true));
    }

    /**
     * Stops hearing a topic; returns at once.
     *
     * @param topic the topic
     */
    public void unsubscribe(String topic) {
        queueOp(new Op(topic, false));
    }

    private void queueOp(Op op) {
        if (closed.get()) {
            return;
        }
        ops.add(op);
        if (opsScheduled.compareAndSet(false, true)) {
            execute(this::applyOps);
        }
    }

    /**
     * Queues a message for the other nodes; returns at once. Dropped and counted when the
     * buffer is full.
     *
     * @param message the message
     */
    public void publish(PubSubMessage message) {
        if (closed.get()) {
            return;
        }
        byte[] channel = message.targetNode() == null ? names.topic(message.topic())
                : names.node(message.targetNode());
        Outgoing next = new Outgoing(channel, Envelope.encode(message));
        long size = next.size();
        if (outgoingBytes.addAndGet(size) > settings.maxPendingBytes()) {
            outgoingBytes.addAndGet(-size);
            health.dropped();
            return;
        }
        if (!outgoing.offer(next)) {
            outgoingBytes.addAndGet(-size);
            health.dropped();
            return;
        }
        wakePublisher();
    }

    private void wakePublisher() {
        if (publishScheduled.compareAndSet(false, true)) {
            execute(this::drainPublishes);
        }
    }

    private void execute(Runnable task) {
        try {
            driver.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("node {}: the Redis link is closed; a task was skipped", node);
        }
    }

    // ---- driver thread from here on ----

    private void applyOps() {
        opsScheduled.set(false);
        takeOps();
        if (state != State.UP) {
            return;
        }
        Subscriptions.Changes changes = subscriptions.changes();
        changes.subscribe().forEach(batch -> send(batch, true));
        changes.unsubscribe().forEach(batch -> send(batch, false));
        subscribedTopics = subscriptions.wantedCount();
    }

    private void takeOps() {
        for (Op op = ops.poll(); op != null; op = ops.poll()) {
            if (op.subscribe()) {
                subscriptions.want(op.topic());
            } else {
                subscriptions.drop(op.topic());
            }
        }
    }

    private void send(List<String> topics, boolean subscribe) {
        byte[][] channels = new byte[topics.size()][];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = names.topic(topics.get(i));
        }
        var commands = subscriber.async();
        var sent = subscribe ? commands.subscribe(channels) : commands.unsubscribe(channels);
        sent.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.debug("node {}: {} of {} topics failed: {}", node,
                        subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", topics.size(), error.toString());
            }
        });
    }

    private void drainPublishes() {
        publishScheduled.set(false);
        if (state != State.UP) {
            return;
        }
        RedisAsyncCommands<byte[], byte[]> commands = publisher.async();
        int unflushed = 0;
        while (inFlight.get() < settings.maxInFlight()) {
            Outgoing next = outgoing.poll();
            if (next == null) {
                break;
            }
            outgoingBytes.addAndGet(-next.size());
            inFlight.incrementAndGet();
            commands.publish(next.channel(), next.body()).whenComplete(onPublished);
            if (++unflushed == FLUSH_EVERY) {
                publisher.flushCommands();
                unflushed = 0;
            }
        }
        publisher.flushCommands();
        if (outgoing.isEmpty()) {
            health.drained();
        }
    }

    /** On an I/O thread: Redis answered a PUBLISH, or it failed. */
    private void published(Long receivers, Throwable error) {
        int now = inFlight.decrementAndGet();
        if (error == null) {
            published.incrementAndGet();
        } else {
            health.dropped();
            if (error instanceof RedisCommandTimeoutException) {
                execute(() -> connectionLost("a PUBLISH timed out"));
            }
        }
        if (now == settings.maxInFlight() - 1 && !outgoing.isEmpty()) {
            wakePublisher();
        }
    }

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        int attempt = ++generation;
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> pub =
                client.connectAsync(CODEC, uri).toCompletableFuture();
        CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> sub =
                client.connectPubSubAsync(CODEC, uri).toCompletableFuture();
        CompletableFuture.allOf(pub, sub).whenComplete((ignored, error) ->
                execute(() -> connected(attempt, pub, sub, error)));
    }

    private void connected(int attempt,
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> pub,
            CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> sub,
            Throwable error) {
        if (state == State.CLOSED || attempt != generation || error != null) {
            closeQuietly(pub);
            closeQuietly(sub);
            if (state != State.CLOSED && attempt == generation) {
                state = State.DOWN;
                health.attemptFailed(unwrap(error));
                scheduleReconnect();
            }
            return;
        }
        publisher = pub.join();
        subscriber = sub.join();
        publisher.setAutoFlushCommands(false);
        subscriber.addListener(receiver);
        if (!publisher.isOpen() || !subscriber.isOpen()) {
            state = State.UP;
            connectionLost("closed while connecting");
            return;
        }
        state = State.UP;
        failures = 0;
        resubscribe();
        health.connected(subscriptions.wantedCount());
        wakePublisher();
    }

    private void resubscribe() {
        takeOps();
        subscriber.async().subscribe(names.node(node));
        List<List<String>> batches = subscriptions.resubscribeAll();
        batches.forEach(batch -> send(batch, true));
        subscribedTopics = subscriptions.wantedCount();
        if (!batches.isEmpty()) {
            LOG.debug("node {}: subscribed {} topics in {} commands", node,
                    subscriptions.wantedCount(), batches.size());
        }
    }

    private void connectionClosed(RedisChannelHandler<?, ?> connection) {
        if (state == State.UP && (connection == publisher || connection == subscriber)) {
            connectionLost("connection closed");
        }
    }

    private void connectionLost(String why) {
        if (state != State.UP) {
            return;
        }
        state = State.DOWN;
        closeConnections();
        subscriptions.disconnected();
        subscribedTopics = 0;
        health.lost(why);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay = settings.backoff().delayMillis(failures++);
        try {
            driver.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("node {}: closed; not reconnecting", node);
        }
    }

    private CompletableFuture<Void> closeConnections() {
        CompletableFuture<Void> pub = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> sub = pub;
        if (publisher != null) {
            pub = publisher.closeAsync();
            publisher = null;
        }
        if (subscriber != null) {
            subscriber.removeListener(receiver);
            sub = subscriber.closeAsync();
            subscriber = null;
        }
        return CompletableFuture.allOf(pub, sub);
    }

    private static void closeQuietly(CompletableFuture<? extends StatefulConnection<?, ?>> f) {
        f.thenAccept(StatefulConnection::closeAsync);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private CompletableFuture<Void> closeOnDriver() {
        if (state == State.UP) {
            drainPublishes();
        }
        state = State.CLOSED;
        return closeConnections();
    }

    /**
     * Sends what is queued if connected, closes the connections and stops the threads.
     * Waits up to about two seconds per step. Calling it again does nothing.
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<CompletableFuture<Void>> closing = driver.submit(this::closeOnDriver);
        try {
            long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
            closing.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("node {}: closing the Redis link: {}", node, e.toString());
        }
        driver.shutdownNow();
        client.shutdown(Duration.ZERO, CLOSE_TIMEOUT);
        resources.shutdown(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A snapshot of the counters.
     *
     * @return the counters
     */
    public RedisPubSubStats stats() {
        return new RedisPubSubStats(health.isConnected(), subscribedTopics, published.get(),
                receiver.receivedCount(), health.droppedCount(), receiver.malformedCount(),
                receiver.unsupportedCount());
    }

    /**
     * Where Redis is, without credentials, for logs.
     *
     * @param uri a Redis URI
     * @return the URI without its user information
     */
    public static String redacted(String uri) {
        return uri.replaceAll("(?<=//)[^@/]*@", "");
    }

    /** Where the link stands; driver thread only. */
    private enum State {
        DOWN, CONNECTING, UP, CLOSED
    }

    /** A subscribe or unsubscribe waiting for the driver. */
    private record Op(String topic, boolean subscribe) {
    }

    /** A message waiting to be published. */
    private record Outgoing(byte[] channel, byte[] body) {

        long size() {
            return (long) channel.length + body.length;
        }
    }
}
