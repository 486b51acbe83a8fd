package dev.channels.core.internal.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's presence tracker: {@link TrackerConfig#poolSize()} shards, each replicated with
 * the same shard on every other node through a {@link TrackerBus}. A topic lives in shard
 * {@code floorMod(topic.hashCode(), poolSize)}, the same on every node ({@link
 * String#hashCode()} is specified by the language).
 *
 * <p>Every change to what this node lists (a local track, untrack or update, an owner's end,
 * a merge from another node, a node down, up or forgotten) reaches the {@link DiffListener}.
 *
 * <p>Thread-safe. Call {@link #start} once before use and {@link #close} when done.
 */
public final class Tracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);
    private static final AtomicLong LAST_VSN = new AtomicLong();

    private final String node;
    private final TrackerConfig config;
    private final Shard[] shards;
    private final Set<PresenceOwner> watched = ConcurrentHashMap.newKeySet();

    /**
     * Creates a tracker; nothing runs until {@link #start}.
     *
     * @param node this node's name, unique among the nodes sharing the bus
     * @param config the settings
     * @param clock the wall clock (liveness and refs)
     * @param scheduler runs the ticks
     * @param bus carries messages to the other nodes
     * @param random the jitter of the first tick
     * @param listener told of every change
     */
    public Tracker(String node, TrackerConfig config, java.time.Clock clock,
            TrackerScheduler scheduler, TrackerBus bus, Random random, DiffListener listener) {
        this.node = node;
        this.config = config;
        long vsn = nextVsn(clock);
        this.shards = new Shard[config.poolSize()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(i, new ReplicaId(node, vsn), config, clock, scheduler, bus,
                    random, listener);
        }
    }

    private static long nextVsn(java.time.Clock clock) {
        long micros = clock.millis() * 1000;
        return LAST_VSN.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /** Starts every shard's heartbeat ticks. */
    public void start() {
        for (Shard shard : shards) {
            shard.start();
        }
    }

    /**
     * This node's name.
     *
     * @return the name
     */
    public String node() {
        return node;
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public TrackerConfig config() {
        return config;
    }

    /**
     * The shard of a topic.
     *
     * @param topic the topic
     * @return its shard number
     */
    public int shardOf(String topic) {
        return Math.floorMod(topic.hashCode(), shards.length);
    }

    /**
     * Tracks a presence. The meta is copied and gets a new {@code phx_ref}. The owner's end
     * untracks all of its presences.
     *
     * @param owner who tracks it
     * @param topic the topic
     * @param key the key
     * @param meta the meta (a JSON object)
     * @return the new {@code phx_ref}, or null when the owner already tracks that key there
     */
    public String track(PresenceOwner owner, String topic, String key, ObjectNode meta) {
        String ref = shard(topic).track(owner, topic, key, meta);
        if (ref != null && watched.add(owner)) {
            owner.onEnd(() -> untrack(owner));
        }
        return ref;
    }

    /**
     * Untracks one presence; does nothing when it is not tracked.
     *
     * @param owner who tracked it
     * @param topic the topic
     * @param key the key
     */
    public void untrack(PresenceOwner owner, String topic, String key) {
        shard(topic).untrack(owner, topic, key);
    }

    /**
     * Untracks every presence of an owner.
     *
     * @param owner the owner
     */
    public void untrack(PresenceOwner owner) {
        for (Shard shard : shards) {
            if (shard.hasOwner(owner)) {
                shard.untrackAll(owner);
            }
        }
        if (owner.isEnded()) {
            watched.remove(owner);
        }
    }

    /**
     * Replaces a presence's meta. The new meta gets a new {@code phx_ref} and {@code
     * phx_ref_prev} set to the old one; the change is one leave and one join in one diff.
     *
     * @param owner who tracked it
     * @param topic the topic
     * @param key the key
     * @param change computes the new meta from a copy of the old one (with its refs)
     * @return the new {@code phx_ref}, or null when nothing is tracked
     */
    public String update(PresenceOwner owner, String topic, String key,
            UnaryOperator<ObjectNode> change) {
        return shard(topic).update(owner, topic, key, change);
    }

    /**
     * The presences of a topic that this node sees.
     *
     * @param topic the topic
     * @return key (sorted) to the metas of its presences; empty when none
     */
    public TreeMap<String, List<ObjectNode>> list(String topic) {
        TreeMap<String, List<ObjectNode>> out = new TreeMap<>();
        shard(topic).list(topic).forEach((key, elements) -> out.put(key, metas(elements)));
        return out;
    }

    /**
     * The metas of one key.
     *
     * @param topic the topic
     * @param key the key
     * @return the metas; empty when absent
     */
    public List<ObjectNode> get(String topic, String key) {
        List<Element> elements = shard(topic).list(topic).get(key);
        return elements == null ? List.of() : metas(elements);
    }

    private static List<ObjectNode> metas(List<Element> elements) {
        List<ObjectNode> out = new ArrayList<>(elements.size());
        for (Element element : elements) {
            out.add(element.meta());
        }
        return out;
    }

    /**
     * Hands a message from another node to its shard. Malformed messages, messages of
     * another format version and this node's own messages are dropped.
     *
     * @param shard the shard number
     * @param message the encoded message
     */
    public void receive(int shard, byte[] message) {
        if (shard < 0 || shard >= shards.length) {
            LOG.debug("dropped a presence message for shard {} of {}", shard, shards.length);
            return;
        }
        TrackerMessage decoded;
        try {
            decoded = TrackerCodec.decode(message);
        } catch (IllegalArgumentException e) {
            LOG.debug("dropped a presence message: {}", e.getMessage());
            return;
        }
        if (!decoded.from().name().equals(node)) {
            shards[shard].receive(decoded);
        }
    }

    /** Runs one heartbeat tick on every shard now; for tests that drive time. */
    void tickNow() {
        for (Shard shard : shards) {
            shard.tick();
        }
    }

    Shard shardAt(int index) {
        return shards[index];
    }

    private Shard shard(String topic) {
        return shards[shardOf(topic)];
    }

    /**
     * Stops the ticks. With {@link TrackerConfig#permdownOnShutdown()}, first tells the
     * other nodes to forget this one, so its presences leave there at once; otherwise they
     * leave after the down period.
     */
    @Override
    public void close() {
        for (Shard shard : shards) {
            shard.stop(config.permdownOnShutdown());
        }
    }

    /** Tells the other nodes to forget this one now, then stops. */
    public void gracefulPermdown() {
        for (Shard shard : shards) {
            shard.stop(true);
        }
    }
}
