package dev.channels.core.internal.presence;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A piece of replicated state on its way between replicas: some elements with their dots and
 * the causal context that says which dots the piece has seen. A dot that is seen but has no
 * element was removed. The context is a version vector plus a cloud of single dots.
 *
 * <p>Three uses: a replica's local delta (its own adds and removes since the last heartbeat:
 * cloud only), a full extract for a transfer (context and clouds of the sender), and a delta
 * generation (several of those joined, with the {@link #start} and {@link #end} clocks of the
 * sender between which they happened).
 *
 * <p>Not thread-safe: owned by one shard, or immutable once handed to the codec.
 */
public final class Delta {

    private final TreeMap<Dot, Element> values = new TreeMap<>();
    private final TreeMap<ReplicaId, Long> context = new TreeMap<>();
    private final TreeSet<Dot> cloud = new TreeSet<>();
    private TreeMap<ReplicaId, Long> start = new TreeMap<>();
    private TreeMap<ReplicaId, Long> end = new TreeMap<>();

    /**
     * The elements, by dot.
     *
     * @return the live map
     */
    public TreeMap<Dot, Element> values() {
        return values;
    }

    /**
     * The version-vector part of the causal context.
     *
     * @return the live map
     */
    public TreeMap<ReplicaId, Long> context() {
        return context;
    }

    /**
     * The single dots of the causal context.
     *
     * @return the live set
     */
    public TreeSet<Dot> cloud() {
        return cloud;
    }

    /**
     * The sender's clock before the first change in this delta.
     *
     * @return the clock
     */
    public TreeMap<ReplicaId, Long> start() {
        return start;
    }

    /**
     * The sender's clock after the last change in this delta.
     *
     * @return the clock
     */
    public TreeMap<ReplicaId, Long> end() {
        return end;
    }

    /**
     * Sets the range of sender clocks this delta spans.
     *
     * @param from the clock before
     * @param to the clock after
     * @return this
     */
    public Delta range(Map<ReplicaId, Long> from, Map<ReplicaId, Long> to) {
        this.start = new TreeMap<>(from);
        this.end = new TreeMap<>(to);
        return this;
    }

    /**
     * Whether the causal context has seen a dot.
     *
     * @param dot the dot
     * @return true when seen
     */
    public boolean covers(Dot dot) {
        return context.getOrDefault(dot.replica(), 0L) >= dot.clock() || cloud.contains(dot);
    }

    /**
     * Whether this delta carries nothing.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return values.isEmpty() && cloud.isEmpty() && context.isEmpty();
    }

    /**
     * The size that delta generations bound: elements plus cloud dots.
     *
     * @return the size
     */
    public int size() {
        return values.size() + cloud.size();
    }

    /**
     * Records a local add: the element and its dot.
     *
     * @param element the element
     */
    public void add(Element element) {
        values.put(element.dot(), element);
        cloud.add(element.dot());
    }

    /**
     * Records that a dot was seen, with no element (a remove, or a clock bump).
     *
     * @param dot the dot
     */
    public void remove(Dot dot) {
        values.remove(dot);
        cloud.add(dot);
    }

    /**
     * Joins another delta into this one, as a later change: elements both have or that the
     * other has not seen stay, elements the other has seen removed go, the other's new
     * elements come in, contexts unite and the range grows to cover both.
     *
     * @param other the later delta; not changed
     */
    public void join(Delta other) {
        values.entrySet().removeIf(entry -> other.covers(entry.getKey())
                && !other.values.containsKey(entry.getKey()));
        for (Map.Entry<Dot, Element> entry : other.values.entrySet()) {
            if (!covers(entry.getKey()) || values.containsKey(entry.getKey())) {
                values.put(entry.getKey(), entry.getValue());
            }
        }
        other.context.forEach((replica, clock) -> context.merge(replica, clock, Math::max));
        cloud.addAll(other.cloud);
        compact();
        start = isRangeEmpty() ? new TreeMap<>(other.start)
                : Clock.lowerbound(start, other.start);
        end = Clock.upperbound(end, other.end);
    }

    private boolean isRangeEmpty() {
        return start.isEmpty() && end.isEmpty();
    }

    /** Drops cloud dots the version vector already covers. */
    public void compact() {
        cloud.removeIf(dot -> context.getOrDefault(dot.replica(), 0L) >= dot.clock());
    }

    /**
     * Whether another delta can be joined to this one without a gap: each one's end has seen
     * the other's start.
     *
     * @param other the other delta
     * @return true when contiguous
     */
    public boolean contiguousWith(Delta other) {
        return Clock.dominates(end, other.start) && Clock.dominates(other.end, start);
    }

    /**
     * A copy of this delta cut down to some replicas: their elements, context and dots.
     *
     * @param keep the replicas to keep
     * @return the copy
     */
    public Delta restrictTo(Set<ReplicaId> keep) {
        Delta out = new Delta();
        values.forEach((dot, element) -> {
            if (keep.contains(dot.replica())) {
                out.values.put(dot, element);
            }
        });
        out.context.putAll(Clock.restrict(context, keep));
        for (Dot dot : cloud) {
            if (keep.contains(dot.replica())) {
                out.cloud.add(dot);
            }
        }
        out.start = new TreeMap<>(start);
        out.end = new TreeMap<>(end);
        return out;
    }

    /**
     * A copy of this delta.
     *
     * @return the copy
     */
    public Delta copy() {
        Delta out = new Delta();
        out.values.putAll(values);
        out.context.putAll(context);
        out.cloud.addAll(cloud);
        out.start = new TreeMap<>(start);
        out.end = new TreeMap<>(end);
        return out;
    }

    @Override
    public String toString() {
        return "Delta[values=" + values.size() + ", context=" + context + ", cloud="
                + cloud.size() + "]";
    }
}
