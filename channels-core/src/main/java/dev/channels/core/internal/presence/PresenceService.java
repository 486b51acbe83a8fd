package dev.channels.core.internal.presence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.channels.ChannelContext;
import dev.channels.Presence;
import dev.channels.PresenceFetcher;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.json.Json;
import dev.channels.core.internal.pubsub.LocalPubSub;
import dev.channels.core.internal.runtime.ChannelEnd;
import dev.channels.core.internal.runtime.Mailbox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's {@link Presence}: a {@link Tracker} replicated over the endpoint's pub/sub
 * (topics {@code phx_presence:<shard>}, direct sends through the adapter's target node), and
 * the local broadcast of {@code presence_diff} (or {@code presence_count}) on each topic.
 *
 * <p>Diffs of a topic wait up to the window in a pending batch keyed by {@code phx_ref},
 * where a ref's last change wins: a ref that joins and leaves inside one window is sent as a
 * leave, one that leaves and joins again as a join. So the merged diff leaves a client exactly
 * where the separate diffs would, including a client that got a {@code presence_state} list
 * inside the window. Batches are fetched and broadcast on one serial lane, so diffs keep
 * their order.
 */
public final class PresenceService implements Presence, DiffListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);
    private static final String TOPIC_PREFIX = "phx_presence:";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final LocalPubSub pubSub;
    private final ScheduledExecutorService timer;
    private final PresenceFetcher fetcher;
    private final long windowMillis;
    private final Tracker tracker;
    private final Mailbox lane;
    private final Map<Object, PresenceOwner> owners = new ConcurrentHashMap<>();
    private final Set<String> countsOnly = ConcurrentHashMap.newKeySet();
    private final AtomicLong ownerIds = new AtomicLong();
    /** Pending diffs by topic; guarded by itself. */
    private final Map<String, Batch> pending = new HashMap<>();

    /**
     * Creates and starts the service.
     *
     * @param pubSub this node's pub/sub
     * @param timer the runtime's timer thread
     * @param executor where diffs are fetched and broadcast
     * @param config the tracker settings
     * @param fetcher enriches listed and diffed presences
     * @param windowMillis how long diffs of a topic are merged; 0 sends each at once
     */
    public PresenceService(LocalPubSub pubSub, ScheduledExecutorService timer, Executor executor,
            TrackerConfig config, PresenceFetcher fetcher, long windowMillis) {
        this.pubSub = pubSub;
        this.timer = timer;
        this.fetcher = fetcher;
        this.windowMillis = windowMillis;
        this.lane = new Mailbox(executor, false);
        TrackerScheduler scheduler = (delay, task) -> {
            var future = timer.schedule(task, delay, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
        this.tracker = new Tracker(pubSub.node(), config, Clock.systemUTC(), scheduler,
                new PubSubBus(), new Random(), this);
        for (int shard = 0; shard < config.poolSize(); shard++) {
            int index = shard;
            pubSub.subscribe(TOPIC_PREFIX + shard,
                    dispatch -> tracker.receive(index, dispatch.payload().wireBytes()));
        }
        tracker.start();
    }

    /** The bus over the endpoint's pub/sub. */
    private final class PubSubBus implements TrackerBus {

        @Override
        public void broadcast(int shard, byte[] message) {
            pubSub.remoteBroadcast(TOPIC_PREFIX + shard, "presence",
                    EncodedPayload.ofBinary(message));
        }

        @Override
        public void send(String node, int shard, byte[] message) {
            pubSub.direct(TOPIC_PREFIX + shard, "presence", EncodedPayload.ofBinary(message),
                    node);
        }
    }

    // ---- Presence ----------------------------------------------------------------------

    @Override
    public String track(ChannelContext channel, String key, Object meta) {
        return track(channel, channel.topic(), key, meta);
    }

    @Override
    public String track(Object owner, String topic, String key, Object meta) {
        ObjectNode node = toObject(meta);
        PresenceOwner presenceOwner = owner(owner);
        String ref = tracker.track(presenceOwner, topic, key, node);
        if (ref == null) {
            throw new IllegalStateException("already tracked: " + key + " on " + topic
                    + " by this owner; use update to change its meta");
        }
        return ref;
    }

    @Override
    public Optional<String> update(ChannelContext channel, String key, Object meta) {
        ObjectNode node = toObject(meta);
        return updateNode(channel, channel.topic(), key, old -> node.deepCopy());
    }

    @Override
    public Optional<String> update(Object owner, String topic, String key,
            UnaryOperator<Map<String, Object>> change) {
        return updateNode(owner, topic, key, (ObjectNode old) -> toObject(
                change.apply(new LinkedHashMap<>(Json.MAPPER.convertValue(old, MAP)))));
    }

    private Optional<String> updateNode(Object owner, String topic, String key,
            UnaryOperator<ObjectNode> change) {
        PresenceOwner known = owners.get(owner);
        if (known == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(tracker.update(known, topic, key, change));
    }

    @Override
    public void untrack(Object owner, String topic, String key) {
        PresenceOwner known = owners.get(owner);
        if (known != null) {
            tracker.untrack(known, topic, key);
        }
    }

    @Override
    public void untrack(Object owner) {
        PresenceOwner known = owners.get(owner);
        if (known != null) {
            tracker.untrack(known);
        }
    }

    @Override
    public Map<String, Map<String, Object>> list(String topic) {
        Map<String, Map<String, Object>> presences = new TreeMap<>();
        tracker.list(topic).forEach((key, metas) -> presences.put(key, entry(metas)));
        return fetcher.fetch(topic, presences);
    }

    @Override
    public Optional<Map<String, Object>> get(String topic, String key) {
        List<ObjectNode> metas = tracker.get(topic, key);
        if (metas.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, Object>> one = new TreeMap<>();
        one.put(key, entry(metas));
        return Optional.ofNullable(fetcher.fetch(topic, one).get(key));
    }

    @Override
    public void countsOnly(String topic) {
        countsOnly.add(topic);
    }

    private PresenceOwner owner(Object owner) {
        return owners.computeIfAbsent(owner, key -> {
            PresenceOwner created = new PresenceOwner(pubSub.node() + "/"
                    + ownerIds.incrementAndGet());
            created.onEnd(() -> owners.remove(key, created));
            if (key instanceof ChannelEnd channel) {
                channel.whenEnded(created::end);
            }
            return created;
        });
    }

    private static ObjectNode toObject(Object meta) {
        JsonNode node = Json.MAPPER.valueToTree(meta == null ? Map.of() : meta);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a presence meta must encode as a JSON object"
                    + " (a map, record or bean), got " + node.getNodeType());
        }
        return object;
    }

    private static Map<String, Object> entry(List<ObjectNode> metas) {
        List<Object> list = new ArrayList<>(metas.size());
        for (ObjectNode meta : metas) {
            list.add(Json.MAPPER.convertValue(meta, MAP));
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("metas", list);
        return out;
    }

    // ---- diffs -------------------------------------------------------------------------

    @Override
    public void diff(SortedMap<String, Changes> byTopic) {
        byTopic.forEach((topic, changes) -> {
            boolean schedule;
            synchronized (pending) {
                Batch batch = pending.get(topic);
                schedule = batch == null;
                if (schedule) {
                    batch = new Batch();
                    pending.put(topic, batch);
                }
                batch.add(changes);
            }
            if (schedule && windowMillis > 0) {
                timer.schedule(() -> lane.execute(() -> flush(topic)), windowMillis,
                        TimeUnit.MILLISECONDS);
            } else if (schedule) {
                lane.execute(() -> flush(topic));
            }
        });
    }

    private void flush(String topic) {
        Batch batch;
        synchronized (pending) {
            batch = pending.remove(topic);
        }
        if (batch == null || batch.isEmpty()) {
            return;
        }
        try {
            if (countsOnly.contains(topic)) {
                broadcastCount(topic);
            } else {
                Map<String, Object> payload = new TreeMap<>();
                payload.put("joins", fetcher.fetch(topic, group(batch.joins)));
                payload.put("leaves", fetcher.fetch(topic, group(batch.leaves)));
                pubSub.localBroadcast(topic, "presence_diff", EncodedPayload.of(payload), null);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not send a presence diff on {}", topic, e);
        }
    }

    private void broadcastCount(String topic) {
        TreeMap<String, List<ObjectNode>> listed = tracker.list(topic);
        int metas = 0;
        for (List<ObjectNode> list : listed.values()) {
            metas += list.size();
        }
        Map<String, Object> payload = new TreeMap<>();
        payload.put("keys", listed.size());
        payload.put("metas", metas);
        pubSub.localBroadcast(topic, "presence_count", EncodedPayload.of(payload), null);
    }

    private static Map<String, Map<String, Object>> group(Map<String, Element> byRef) {
        Map<String, List<ObjectNode>> byKey = new TreeMap<>();
        for (Element element : byRef.values()) {
            byKey.computeIfAbsent(element.key(), k -> new ArrayList<>()).add(element.meta());
        }
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byKey.forEach((key, metas) -> out.put(key, entry(metas)));
        return out;
    }

    /** Changes of one topic waiting for the window; guarded by {@code pending}. */
    private static final class Batch {

        private final Map<String, Element> joins = new LinkedHashMap<>();
        private final Map<String, Element> leaves = new LinkedHashMap<>();

        /**
         * Adds changes; a ref's last change wins. A ref that joined and then left is sent as
         * a leave only, not dropped: a client that listed the topic inside the window (a
         * {@code presence_state} push) already holds it, and phoenix.js ignores a leave of
         * a ref it never had. A ref that left and joined again is sent as a join only.
         */
        void add(Changes changes) {
            for (Element element : changes.joins()) {
                leaves.remove(element.phxRef());
                joins.put(element.phxRef(), element);
            }
            for (Element element : changes.leaves()) {
                joins.remove(element.phxRef());
                leaves.put(element.phxRef(), element);
            }
        }

        boolean isEmpty() {
            return joins.isEmpty() && leaves.isEmpty();
        }
    }

    /**
     * Stops the tracker. Peers are told to forget this node at once, so its presences leave
     * there without waiting for the down period.
     */
    @Override
    public void close() {
        tracker.gracefulPermdown();
    }
}
