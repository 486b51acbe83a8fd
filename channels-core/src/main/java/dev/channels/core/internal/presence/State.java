package dev.channels.core.internal.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One replica's view of one shard: an add-wins observed-remove set of {@link Element}s tagged
 * with {@link Dot}s, the causal context that records every dot seen (a version vector plus a
 * cloud of dots beyond it), and the status of every known replica.
 *
 * <p>Only the owning replica adds or removes its own elements ({@link #join}, {@link #leave},
 * {@link #update}); other replicas learn them by {@link #merge}. A remove only removes the
 * dots it observed, so a concurrent add wins. Elements of a replica that is down stay stored
 * but are hidden from {@link #list} and reported as leaves; when it comes back they are
 * reported as joins. A permanently removed replica is forgotten: its elements are deleted.
 *
 * <p>Not thread-safe: owned by one shard, which serializes every call.
 */
public final class State {

    /** Whether a known replica is heard from. */
    public enum Status {
        /** Heard from recently; its elements are listed. */
        UP,
        /** Silent past the down period; its elements are kept but hidden. */
        DOWN
    }

    private final ReplicaId self;
    private final TreeMap<Dot, Element> values = new TreeMap<>();
    private final Map<String, TreeSet<Dot>> byTopic = new HashMap<>();
    private final Map<LocalKey, Dot> local = new HashMap<>();
    private final Map<String, Set<LocalKey>> byOwner = new HashMap<>();
    private final TreeMap<ReplicaId, Long> context = new TreeMap<>();
    private final TreeSet<Dot> clouds = new TreeSet<>();
    private final TreeMap<ReplicaId, Status> replicas = new TreeMap<>();
    private Delta delta = new Delta();
    private Delta changes = new Delta();
    private TreeMap<ReplicaId, Long> changesStart;
    private int changesLimit = Integer.MAX_VALUE;
    private boolean changesOverflowed;

    /**
     * Creates the empty state of a replica.
     *
     * @param self this replica
     */
    public State(ReplicaId self) {
        this.self = self;
        replicas.put(self, Status.UP);
        context.put(self, 0L);
        changesStart = new TreeMap<>(context);
    }

    /**
     * This replica.
     *
     * @return the id
     */
    public ReplicaId self() {
        return self;
    }

    // ---- local operations ------------------------------------------------------------

    /**
     * Adds a local element, unless the owner already tracks that key on that topic.
     *
     * @param owner the owner's id
     * @param topic the topic
     * @param key the key
     * @param meta the meta, already carrying its {@code phx_ref}
     * @return the new element, or null when already tracked
     */
    public Element join(String owner, String topic, String key, ObjectNode meta) {
        LocalKey id = new LocalKey(topic, owner, key);
        if (local.containsKey(id)) {
            return null;
        }
        Element element = new Element(topic, owner, key, meta, bump());
        insert(element);
        delta.add(element);
        changes.add(element);
        return element;
    }

    /**
     * Removes a local element.
     *
     * @param owner the owner's id
     * @param topic the topic
     * @param key the key
     * @return the removed element, or null when nothing was tracked
     */
    public Element leave(String owner, String topic, String key) {
        Dot dot = local.get(new LocalKey(topic, owner, key));
        if (dot == null) {
            return null;
        }
        Element element = delete(dot);
        delta.remove(dot);
        changes.remove(dot);
        Dot bumped = bump();
        delta.remove(bumped);
        changes.remove(bumped);
        return element;
    }

    /**
     * Removes every local element of an owner.
     *
     * @param owner the owner's id
     * @return the removed elements, in dot order
     */
    public List<Element> leaveAll(String owner) {
        Set<LocalKey> keys = byOwner.get(owner);
        if (keys == null) {
            return List.of();
        }
        TreeMap<Dot, LocalKey> ordered = new TreeMap<>();
        for (LocalKey id : keys) {
            ordered.put(local.get(id), id);
        }
        List<Element> out = new ArrayList<>();
        for (LocalKey id : ordered.values()) {
            out.add(leave(id.owner(), id.topic(), id.key()));
        }
        return out;
    }

    /**
     * Replaces a local element's meta, as one remove and one add.
     *
     * @param owner the owner's id
     * @param topic the topic
     * @param key the key
     * @param change computes the new meta (with its new refs) from the old element
     * @return the old element's leave and the new one's join, or null when nothing was tracked
     */
    public Changes update(String owner, String topic, String key,
            Function<Element, ObjectNode> change) {
        Dot dot = local.get(new LocalKey(topic, owner, key));
        if (dot == null) {
            return null;
        }
        ObjectNode meta = change.apply(values.get(dot));
        Element old = leave(owner, topic, key);
        Element added = join(owner, topic, key, meta);
        Changes out = new Changes();
        out.leaves().add(old);
        out.joins().add(added);
        return out;
    }

    /**
     * Whether an owner tracks anything here.
     *
     * @param owner the owner's id
     * @return true when it has elements
     */
    public boolean hasOwner(String owner) {
        return byOwner.containsKey(owner);
    }

    private Dot bump() {
        long next = context.get(self) + 1;
        context.put(self, next);
        return new Dot(self, next);
    }

    private void insert(Element element) {
        values.put(element.dot(), element);
        byTopic.computeIfAbsent(element.topic(), t -> new TreeSet<>()).add(element.dot());
        if (element.dot().replica().equals(self)) {
            LocalKey id = new LocalKey(element.topic(), element.owner(), element.key());
            local.put(id, element.dot());
            byOwner.computeIfAbsent(element.owner(), o -> new LinkedHashSet<>()).add(id);
        }
    }

    private Element delete(Dot dot) {
        Element element = values.remove(dot);
        if (element == null) {
            return null;
        }
        TreeSet<Dot> topicDots = byTopic.get(element.topic());
        topicDots.remove(dot);
        if (topicDots.isEmpty()) {
            byTopic.remove(element.topic());
        }
        if (dot.replica().equals(self)) {
            LocalKey id = new LocalKey(element.topic(), element.owner(), element.key());
            local.remove(id);
            Set<LocalKey> owned = byOwner.get(element.owner());
            owned.remove(id);
            if (owned.isEmpty()) {
                byOwner.remove(element.owner());
            }
        }
        return element;
    }

    // ---- merging -----------------------------------------------------------------------

    /**
     * Whether this replica has seen a dot.
     *
     * @param dot the dot
     * @return true when covered by the context or the clouds
     */
    public boolean covers(Dot dot) {
        return context.getOrDefault(dot.replica(), 0L) >= dot.clock() || clouds.contains(dot);
    }

    /**
     * Merges a delta or an extract from another replica. Elements of unknown replicas and of
     * this replica are ignored; elements of other replicas the remote saw removed are
     * removed; the remote's context for known replicas joins this one.
     *
     * @param remote the remote data; not changed
     * @return the visible joins and leaves (elements of down replicas change silently)
     */
    public Changes merge(Delta remote) {
        Changes out = new Changes();
        Delta applied = new Delta();
        for (Element element : removalCandidates(remote)) {
            Dot dot = element.dot();
            if (!dot.replica().equals(self) && remote.covers(dot)
                    && !remote.values().containsKey(dot)) {
                delete(dot);
                applied.remove(dot);
                if (replicas.get(dot.replica()) == Status.UP) {
                    out.leaves().add(element);
                }
            }
        }
        for (Element element : remote.values().values()) {
            Dot dot = element.dot();
            if (dot.replica().equals(self) || !replicas.containsKey(dot.replica())
                    || covers(dot)) {
                continue;
            }
            insert(element);
            clouds.add(dot);
            applied.add(element);
            if (replicas.get(dot.replica()) == Status.UP) {
                out.joins().add(element);
            }
        }
        for (Dot dot : remote.cloud()) {
            if (!dot.replica().equals(self) && replicas.containsKey(dot.replica())
                    && !covers(dot)) {
                clouds.add(dot);
                applied.cloud().add(dot);
            }
        }
        remote.context().forEach((replica, clock) -> {
            if (!replica.equals(self) && replicas.containsKey(replica)) {
                recordCovered(applied, replica, clock);
                context.merge(replica, clock, Math::max);
            }
        });
        compact();
        recordChanges(applied);
        return out;
    }

    /**
     * Notes in a change record, one by one, the dots a context entry newly covers. Changes
     * never carry a version vector: a receiver would take every covered dot missing from
     * the changes for a remove.
     */
    private void recordCovered(Delta applied, ReplicaId replica, long clock) {
        long seen = context.getOrDefault(replica, 0L);
        if (clock - seen > changesLimit) {
            changesOverflowed = true;
            return;
        }
        for (long next = seen + 1; next <= clock; next++) {
            Dot dot = new Dot(replica, next);
            if (!clouds.contains(dot)) {
                applied.cloud().add(dot);
            }
        }
    }

    private void recordChanges(Delta applied) {
        if (changesOverflowed) {
            return;
        }
        changes.join(applied);
        if (changes.size() > changesLimit) {
            changesOverflowed = true;
        }
    }

    private List<Element> removalCandidates(Delta remote) {
        List<Element> out = new ArrayList<>();
        if (remote.context().isEmpty()) {
            for (Dot dot : remote.cloud()) {
                Element element = values.get(dot);
                if (element != null) {
                    out.add(element);
                }
            }
            return out;
        }
        out.addAll(values.values());
        return out;
    }

    /**
     * Folds cloud dots that extend a replica's contiguous prefix into the context. The clouds
     * are ordered by replica, then clock, so one pass folds every run. Dots are removed as
     * they are passed: {@code removeAll} with a list as large as the set would test each dot
     * against the whole list, and made a delta of 10,000 joins cost 40 ms to merge.
     */
    public void compact() {
        for (Iterator<Dot> it = clouds.iterator(); it.hasNext(); ) {
            Dot dot = it.next();
            long seen = context.getOrDefault(dot.replica(), 0L);
            if (dot.clock() <= seen) {
                it.remove();
            } else if (dot.clock() == seen + 1 && context.containsKey(dot.replica())) {
                context.put(dot.replica(), dot.clock());
                it.remove();
            }
        }
    }

    // ---- replicas ----------------------------------------------------------------------

    /**
     * Starts knowing a replica, as up, with context 0. A replica forgotten by {@link
     * #permdown} that is heard again starts over: its old elements do not come back, it sends
     * its current ones again.
     *
     * @param replica the replica
     * @return true when it was unknown
     */
    public boolean addReplica(ReplicaId replica) {
        if (replicas.putIfAbsent(replica, Status.UP) != null) {
            return false;
        }
        context.putIfAbsent(replica, 0L);
        return true;
    }

    /**
     * A known replica's status.
     *
     * @param replica the replica
     * @return the status, or null when unknown
     */
    public Status status(ReplicaId replica) {
        return replicas.get(replica);
    }

    /**
     * Every known replica and its status, this one included.
     *
     * @return a sorted copy
     */
    public TreeMap<ReplicaId, Status> replicas() {
        return new TreeMap<>(replicas);
    }

    /**
     * Marks a known replica down: its elements are hidden and reported as leaves.
     *
     * @param replica the replica
     * @return the leaves; empty when it was not up
     */
    public Changes markDown(ReplicaId replica) {
        Changes out = new Changes();
        if (replicas.get(replica) != Status.UP || replica.equals(self)) {
            return out;
        }
        replicas.put(replica, Status.DOWN);
        out.leaves().addAll(elementsOf(replica));
        return out;
    }

    /**
     * Marks a down replica up again: its elements are shown and reported as joins.
     *
     * @param replica the replica
     * @return the joins; empty when it was not down
     */
    public Changes markUp(ReplicaId replica) {
        Changes out = new Changes();
        if (replicas.get(replica) != Status.DOWN) {
            return out;
        }
        replicas.put(replica, Status.UP);
        out.joins().addAll(elementsOf(replica));
        return out;
    }

    /**
     * Forgets a replica: its elements, context and dots.
     *
     * @param replica the replica
     * @return the leaves of its elements if it was up; empty otherwise
     */
    public Changes permdown(ReplicaId replica) {
        Changes out = new Changes();
        if (replica.equals(self) || !replicas.containsKey(replica)) {
            return out;
        }
        List<Element> elements = elementsOf(replica);
        if (replicas.get(replica) == Status.UP) {
            out.leaves().addAll(elements);
        }
        for (Element element : elements) {
            delete(element.dot());
        }
        replicas.remove(replica);
        context.remove(replica);
        clouds.removeIf(dot -> dot.replica().equals(replica));
        Set<ReplicaId> keep = new HashSet<>(replicas.keySet());
        changes = changes.restrictTo(keep);
        changes.start().remove(replica);
        changes.end().remove(replica);
        changesStart.remove(replica);
        return out;
    }

    private List<Element> elementsOf(ReplicaId replica) {
        Dot from = new Dot(replica, Long.MIN_VALUE);
        Dot to = new Dot(replica, Long.MAX_VALUE);
        return new ArrayList<>(values.subMap(from, true, to, true).values());
    }

    // ---- reading -----------------------------------------------------------------------

    /**
     * The version vector of the replicas that are up: what this replica tells others it
     * has seen.
     *
     * @return a sorted copy
     */
    public TreeMap<ReplicaId, Long> clocks() {
        TreeMap<ReplicaId, Long> out = new TreeMap<>();
        context.forEach((replica, clock) -> {
            if (replicas.get(replica) == Status.UP) {
                out.put(replica, clock);
            }
        });
        return out;
    }

    /**
     * The whole version vector, down replicas included.
     *
     * @return a sorted copy
     */
    public TreeMap<ReplicaId, Long> context() {
        return new TreeMap<>(context);
    }

    /**
     * The dots seen beyond the version vector.
     *
     * @return a sorted copy
     */
    public TreeSet<Dot> clouds() {
        return new TreeSet<>(clouds);
    }

    /**
     * The visible elements of a topic, grouped by key (sorted), each key's in dot order.
     *
     * @param topic the topic
     * @return key to elements; empty when none
     */
    public TreeMap<String, List<Element>> list(String topic) {
        TreeMap<String, List<Element>> out = new TreeMap<>();
        TreeSet<Dot> dots = byTopic.get(topic);
        if (dots == null) {
            return out;
        }
        for (Dot dot : dots) {
            if (replicas.get(dot.replica()) == Status.UP) {
                Element element = values.get(dot);
                out.computeIfAbsent(element.key(), k -> new ArrayList<>()).add(element);
            }
        }
        return out;
    }

    /**
     * Every stored element, hidden ones included.
     *
     * @return a sorted copy
     */
    public TreeMap<Dot, Element> rawValues() {
        return new TreeMap<>(values);
    }

    /**
     * The topics with stored elements.
     *
     * @return a sorted copy
     */
    public TreeSet<String> topics() {
        return new TreeSet<>(byTopic.keySet());
    }

    // ---- deltas and transfers ----------------------------------------------------------

    /**
     * Whether local changes wait for the next heartbeat.
     *
     * @return true when the local delta is not empty
     */
    public boolean hasDelta() {
        return !delta.isEmpty();
    }

    /**
     * Hands over the local delta (this replica's own changes since the last call) and starts
     * a new one.
     *
     * @return the delta
     */
    public Delta takeDelta() {
        Delta out = delta;
        delta = new Delta();
        return out;
    }

    /**
     * Bounds the change record kept for delta generations; past it, {@link #takeChanges}
     * reports an overflow instead (the generations must start over).
     *
     * @param limit the largest record worth keeping (elements plus dots)
     */
    public void limitChanges(int limit) {
        this.changesLimit = limit;
    }

    /**
     * Hands over every change applied since the last call, local and merged, with the range
     * of this replica's context it spans, and starts over. The record holds elements and
     * single dots only, never a version vector. This is what delta generations keep.
     *
     * @return the changes (possibly empty), or null when they outgrew the limit
     */
    public Delta takeChanges() {
        boolean tooBig = changesOverflowed || changes.size() > changesLimit;
        Delta out = tooBig ? null : changes.range(changesStart, context);
        changes = new Delta();
        changesStart = new TreeMap<>(context);
        changesOverflowed = false;
        return out;
    }

    /**
     * Everything a requester needs to catch up: the elements of the replicas it knows
     * (except its own), with the context and dots of those replicas.
     *
     * @param requester the requesting replica
     * @param known the replicas the requester knows (the keys of its clock)
     * @return the extract
     */
    public Delta extract(ReplicaId requester, Set<ReplicaId> known) {
        Set<ReplicaId> keep = new HashSet<>(known);
        keep.add(requester);
        Delta out = new Delta();
        values.forEach((dot, element) -> {
            if (keep.contains(dot.replica()) && !dot.replica().equals(requester)) {
                out.values().put(dot, element);
            }
        });
        out.context().putAll(Clock.restrict(context, keep));
        for (Dot dot : clouds) {
            if (keep.contains(dot.replica())) {
                out.cloud().add(dot);
            }
        }
        out.range(context, context);
        return out;
    }

    @Override
    public String toString() {
        return "State[" + self + ", values=" + values.size() + ", context=" + context + "]";
    }

    private record LocalKey(String topic, String owner, String key) {
    }
}
