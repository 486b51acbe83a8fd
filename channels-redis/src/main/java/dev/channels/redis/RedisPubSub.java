package dev.channels.redis;

import dev.channels.redis.internal.Backoff;
import dev.channels.redis.internal.RedisLink;
import dev.channels.redis.internal.Settings;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * Carries broadcasts between the nodes of one application through Redis pub/sub. One line
 * in the endpoint, one adapter per endpoint, one distinct node name per endpoint:
 *
 * <pre>{@code
 * Endpoint endpoint = Endpoint.builder()
 *         .socket("/socket", new UserSocket(tokens))
 *         .pubSub(RedisPubSub.create("redis://127.0.0.1:6379"))
 *         .nodeName("web-1")
 *         .build();
 * }</pre>
 *
 * <h2>What travels</h2>
 * <p>A broadcast is delivered to the publishing node's own subscribers in place, by the
 * runtime, and published once to Redis on the channel {@code keyPrefix + topic}; every other
 * node subscribed to that channel delivers it to its subscribers. Redis echoes it to the
 * publishing node too when that node listens to the topic; the echo is recognized by its
 * origin and dropped, so nobody receives a broadcast twice. A message for one node (its
 * {@link PubSubMessage#targetNode()} is set) goes to {@code keyPrefix + "node:" + name}, which
 * every node subscribes to for itself. The envelope is binary and versioned; its layout is
 * in the README.
 *
 * <h2>Only the topics a node needs</h2>
 * <p>The runtime calls {@link #subscribe} on a topic's first local subscriber and
 * {@link #unsubscribe} after its last. The adapter turns those calls into Redis
 * {@code SUBSCRIBE} and {@code UNSUBSCRIBE} commands in order per topic; calls that repeat
 * or cancel out before reaching Redis send nothing. A node therefore receives from Redis
 * only the traffic of topics it has subscribers for, plus its own node channel. A
 * subscription takes effect when Redis has processed it, a round trip later: a broadcast
 * published on another node before that does not reach the new subscriber.
 *
 * <h2>Threads</h2>
 * <p>Every method may be called from any thread and returns at once: subscriptions and
 * publishes are queued for the adapter's own thread ({@code channels-redis-<node>}), which
 * sends publishes pipelined, many per network write. Messages from other nodes are handed
 * to the runtime on Lettuce's I/O threads, in the order Redis delivers them: the messages
 * one node publishes reach each other node in the order they were published.
 *
 * <h2>When Redis goes away</h2>
 * <p>Delivery to each node's own subscribers goes on. Delivery between nodes is at most
 * once: messages for other nodes wait in a buffer bounded in messages and bytes
 * ({@link Builder#outgoingLimit}); beyond it they are dropped and counted
 * ({@link RedisPubSubStats#dropped()}). The adapter logs one warning when the outage starts
 * and one line when it ends, with the number dropped. It reconnects with exponential
 * backoff ({@link Builder#reconnectDelay}), subscribes every topic again in batches
 * ({@link Builder#resubscribeBatch}), sends what waited, and cross-node delivery resumes by
 * itself. Broadcasts published on other nodes during the outage are not replayed.
 *
 * <h2>Configuration</h2>
 * <p>Everything about reaching Redis is in the URI, as Lettuce reads it: password
 * ({@code redis://:secret@host:6379} or {@code redis://user:secret@host}), TLS
 * ({@code rediss://host:6380}), database ({@code redis://host:6379/2}; pub/sub ignores
 * databases, so it does not separate applications) and Sentinel
 * ({@code redis-sentinel://:secret@sentinel-1:26379,sentinel-2:26379/0#mymaster}, where the
 * password is the data node's). Applications sharing one Redis keep apart by their
 * {@link Builder#keyPrefix key prefix}. Redis Cluster is not supported.
 */
public final class RedisPubSub implements PubSubAdapter {

    private final Settings settings;
    private volatile RedisLink link;

    private RedisPubSub(Settings settings) {
        this.settings = settings;
    }

    /**
     * An adapter with the default settings: key prefix {@code "channels:"}, reconnect delays
     * from 100 ms doubling to 2 s, an outgoing buffer of 10,000 messages and 16 MiB.
     *
     * @param uri the Redis URI, such as {@code redis://127.0.0.1:6379}
     * @return the adapter, not yet started: give it to {@code Endpoint.Builder.pubSub}
     * @throws IllegalArgumentException when the URI is not a Redis URI
     */
    public static RedisPubSub create(String uri) {
        return builder(uri).build();
    }

    /**
     * Starts configuring an adapter.
     *
     * @param uri the Redis URI: {@code redis://[[user]:password@]host[:port][/database]},
     *     {@code rediss://…} for TLS, or
     *     {@code redis-sentinel://[[user]:password@]host[:port][,host2[:port]…][/database]#master}
     * @return a builder with the defaults of {@link #create}
     */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /**
     * Starts the adapter: connects to Redis in the background and returns at once. Called
     * once by the endpoint when it is built. When Redis does not answer, the adapter logs
     * one warning and keeps trying; local delivery works meanwhile.
     *
     * @param node this node's name, unique among the nodes sharing the key prefix
     * @param inbox where messages from other nodes go
     * @throws IllegalStateException when already started
     */
    @Override
    public synchronized void start(String node, Inbox inbox) {
        if (link != null) {
            throw new IllegalStateException("this RedisPubSub is already started (as node"
                    + " of one endpoint); give each endpoint its own adapter");
        }
        RedisLink started = new RedisLink(settings, Objects.requireNonNull(node, "node"),
                Objects.requireNonNull(inbox, "inbox"));
        started.start();
        link = started;
    }

    /**
     * Queues a {@code SUBSCRIBE} for the topic's channel and returns. Subscribing a topic
     * already subscribed does nothing.
     *
     * @param topic the topic
     * @throws IllegalStateException when not started
     */
    @Override
    public void subscribe(String topic) {
        link().subscribe(Objects.requireNonNull(topic, "topic"));
    }

    /**
     * Queues an {@code UNSUBSCRIBE} for the topic's channel and returns. Unsubscribing a
     * topic not subscribed does nothing.
     *
     * @param topic the topic
     * @throws IllegalStateException when not started
     */
    @Override
    public void unsubscribe(String topic) {
        link().unsubscribe(Objects.requireNonNull(topic, "topic"));
    }

    /**
     * Queues a message for the other nodes and returns: for every node subscribed to its
     * topic, or only for {@link PubSubMessage#targetNode()} when set. When the outgoing
     * buffer is full it is dropped and counted; after {@link #close()} it is ignored.
     *
     * @param message the message, from this node
     * @throws IllegalStateException when not started
     */
    @Override
    public void publish(PubSubMessage message) {
        link().publish(Objects.requireNonNull(message, "message"));
    }

    /**
     * Publishes what is buffered if Redis is connected, then closes the connections and
     * stops the adapter's threads; waits a few seconds at most. Later calls to any method
     * are ignored. Calling it again does nothing.
     */
    @Override
    public void close() {
        RedisLink current = link;
        if (current != null) {
            current.close();
        }
    }

    /**
     * The adapter's counters and connection state, for health checks and metrics.
     *
     * @return a snapshot; all zero before {@link #start}
     */
    public RedisPubSubStats stats() {
        RedisLink current = link;
        return current == null ? new RedisPubSubStats(false, 0, 0, 0, 0, 0, 0)
                : current.stats();
    }

    /**
     * The key prefix of the channel names.
     *
     * @return the prefix
     */
    public String keyPrefix() {
        return settings.keyPrefix();
    }

    private RedisLink link() {
        RedisLink current = link;
        if (current == null) {
            throw new IllegalStateException("RedisPubSub is not started: give it to"
                    + " Endpoint.builder().pubSub(…), which starts it");
        }
        return current;
    }

    @Override
    public String toString() {
        return "RedisPubSub[" + RedisLink.redacted(settings.uri()) + ", prefix "
                + settings.keyPrefix() + "]";
    }

    /**
     * Configures a {@link RedisPubSub}. Not thread-safe.
     */
    public static final class Builder {

        private final String uri;
        private String keyPrefix = "channels:";
        private Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        private int maxPendingMessages = 10_000;
        private long maxPendingBytes = 16L * 1024 * 1024;
        private int maxInFlight = 4_096;
        private int resubscribeBatch = 500;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration commandTimeout = Duration.ofSeconds(10);

        private Builder(String uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * The prefix of every Redis channel this adapter uses, so that several applications
         * (or environments) share one Redis without hearing each other. Nodes of one
         * application must use the same prefix. Default {@code "channels:"}.
         *
         * @param prefix the prefix, such as {@code "chat:"}; may be empty
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * The delays between reconnect attempts: the first is {@code min}, each failure
         * doubles it up to {@code max}, and each is spread by up to a fifth either way.
         * Default 100 ms to 2 s.
         *
         * @param min the first delay, positive
         * @param max the longest delay, at least {@code min}
         * @return this builder
         */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.backoff = new Backoff(min, max);
            return this;
        }

        /**
         * Bounds the buffer of messages waiting to go to Redis (while Redis is away or
         * slower than this node publishes). Beyond either bound a message is dropped and
         * counted. Default 10,000 messages and 16 MiB.
         *
         * @param messages the most messages waiting
         * @param bytes the most bytes waiting (envelopes and channel names)
         * @return this builder
         */
        public Builder outgoingLimit(int messages, long bytes) {
            this.maxPendingMessages = atLeastOne(messages, "messages");
            if (bytes < 1) {
                throw new IllegalArgumentException("bytes must be at least 1, got " + bytes);
            }
            this.maxPendingBytes = bytes;
            return this;
        }

        /**
         * The most channels in one {@code SUBSCRIBE} when subscribing every topic again after
         * a reconnect. Default 500.
         *
         * @param channels the batch size
         * @return this builder
         */
        public Builder resubscribeBatch(int channels) {
            this.resubscribeBatch = atLeastOne(channels, "channels");
            return this;
        }

        /**
         * How long one connection attempt may take before it counts as failed. Default 2 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long Redis may take to answer a command; a {@code PUBLISH} that takes longer
         * counts as dropped, and the adapter reconnects. Default 10 s.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        /**
         * Builds the adapter; it connects when the endpoint starts it.
         *
         * @return the adapter
         * @throws IllegalArgumentException when the URI is not a Redis URI
         */
        public RedisPubSub build() {
            try {
                RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a Redis URI: " + RedisLink.redacted(uri)
                        + "; expected redis://[[user]:password@]host[:port][/database],"
                        + " rediss://… for TLS, or redis-sentinel://host:26379[,host2:26379]"
                        + "[/database]#master");
            }
            return new RedisPubSub(new Settings(uri, keyPrefix,
                    backoff, maxPendingMessages,
                    maxPendingBytes, Math.min(maxInFlight, maxPendingMessages), resubscribeBatch,
                    connectTimeout, commandTimeout));
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
