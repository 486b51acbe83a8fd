package dev.channels.redis.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's view of Redis, and its log: one warning when an outage starts, one line when
 * it ends with the number of cross-node messages dropped meanwhile, never a line per message.
 * A full outgoing buffer while connected (Redis slower than this node publishes) is logged
 * the same way: once when dropping starts, once when the buffer drains.
 *
 * <p>{@link #dropped()} and {@link #drained()} may be called from any thread; the other
 * methods only from the adapter's driver thread.
 */
public final class Health {

    private static final Logger LOG = LoggerFactory.getLogger(Health.class);

    private final String node;
    private final String redis;
    private final AtomicLong dropped = new AtomicLong();
    /** Whether a drop while connected was logged and the buffer has not drained since. */
    private final AtomicBoolean overflowing = new AtomicBoolean();
    private volatile boolean connected;
    /** Driver thread only. */
    private boolean everConnected;
    private boolean outageLogged;
    private long downSince = System.nanoTime();
    private long droppedBefore;

    /**
     * Creates the view.
     *
     * @param node this node's name
     * @param redis where Redis is, without credentials
     */
    public Health(String node, String redis) {
        this.node = node;
        this.redis = redis;
    }

    /**
     * A connection attempt failed.
     *
     * @param cause why
     */
    public void attemptFailed(Throwable cause) {
        if (outageLogged) {
            LOG.debug("node {}: Redis at {} still unreachable: {}", node, redis, cause.toString());
            return;
        }
        outageLogged = true;
        LOG.warn("node {} cannot reach Redis at {} ({}); local delivery goes on, cross-node"
                + " messages wait in a bounded buffer and are dropped beyond it; retrying",
                node, redis, cause.toString());
    }

    /**
     * The connection was lost.
     *
     * @param why what happened
     */
    public void lost(String why) {
        connected = false;
        downSince = System.nanoTime();
        droppedBefore = dropped.get();
        overflowing.set(false);
        outageLogged = true;
        LOG.warn("node {} lost Redis at {} ({}); local delivery goes on, cross-node messages"
                + " wait in a bounded buffer and are dropped beyond it; reconnecting",
                node, redis, why);
    }

    /**
     * Connected and subscribed again.
     *
     * @param topics the topics subscribed
     */
    public void connected(int topics) {
        long lostFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince);
        long droppedMeanwhile = dropped.get() - droppedBefore;
        if (everConnected) {
            LOG.info("node {} reconnected to Redis at {} after {} ms and resubscribed {} topics;"
                    + " {} cross-node messages were dropped meanwhile", node, redis, lostFor,
                    topics, droppedMeanwhile);
        } else if (outageLogged) {
            LOG.info("node {} reached Redis at {} after {} ms; {} cross-node messages were"
                    + " dropped meanwhile", node, redis, lostFor, droppedMeanwhile);
        } else {
            LOG.info("node {} connected to Redis at {}", node, redis);
        }
        everConnected = true;
        outageLogged = false;
        overflowing.set(false);
        connected = true;
    }

    /** A cross-node message was dropped: the buffer was full, or Redis refused it. */
    public void dropped() {
        dropped.incrementAndGet();
        if (connected && overflowing.compareAndSet(false, true)) {
            LOG.warn("node {}: the outgoing buffer to Redis at {} is full; dropping cross-node"
                    + " messages until it drains", node, redis);
        }
    }

    /** The outgoing buffer is empty again. */
    public void drained() {
        if (overflowing.get() && overflowing.compareAndSet(true, false)) {
            LOG.info("node {}: the outgoing buffer to Redis at {} drained; {} cross-node"
                    + " messages dropped in all", node, redis, dropped.get());
        }
    }

    /**
     * Whether the adapter is connected to Redis.
     *
     * @return true when connected and subscribed
     */
    public boolean isConnected() {
        return connected;
    }

    /**
     * The cross-node messages dropped since start.
     *
     * @return the count
     */
    public long droppedCount() {
        return dropped.get();
    }
}
