package dev.channels.core.internal.presence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recent changes of one replica, kept as a few deltas of growing size so that a replica that
 * missed a little can be sent a little instead of the whole state. Generation {@code i} joins
 * every pushed delta while it stays within {@code maxSizes[i]} (elements plus dots) and the
 * pushes are contiguous; when it would grow past its bound it starts over from the new delta.
 *
 * <p>Not thread-safe: owned by one shard.
 */
public final class DeltaGenerations {

    /** Phoenix's default bounds. */
    public static final int[] DEFAULT_SIZES = {100, 1000, 10000};

    private final int[] maxSizes;
    private final Delta[] generations;

    /**
     * Creates empty generations.
     *
     * @param maxSizes the bound of each generation, smallest first
     */
    public DeltaGenerations(int[] maxSizes) {
        this.maxSizes = Arrays.copyOf(maxSizes, maxSizes.length);
        this.generations = new Delta[maxSizes.length];
    }

    /**
     * Adds a delta to every generation. A generation that cannot take it contiguously, or
     * would outgrow its bound, restarts from this delta alone (or empties when the delta
     * alone is too big).
     *
     * @param delta the delta, with its range; not changed
     */
    public void push(Delta delta) {
        for (int i = 0; i < generations.length; i++) {
            Delta current = generations[i];
            if (current != null && current.contiguousWith(delta)) {
                Delta joined = current.copy();
                joined.join(delta);
                if (joined.size() <= maxSizes[i]) {
                    generations[i] = joined;
                    continue;
                }
            }
            generations[i] = delta.size() <= maxSizes[i] ? delta.copy() : null;
        }
    }

    /**
     * The smallest generation that brings a requester up to date: it starts at or before the
     * requester's clock and ends past it, compared on the replicas both clocks name.
     *
     * @param requesterClock the requester's clock
     * @return the generation, or null when none covers (send the full state)
     */
    public Delta covering(Map<ReplicaId, Long> requesterClock) {
        for (Delta generation : generations) {
            if (generation != null && startsWithin(generation, requesterClock)
                    && !Clock.dominates(requesterClock, generation.end())) {
                return generation;
            }
        }
        return null;
    }

    private static boolean startsWithin(Delta generation, Map<ReplicaId, Long> clock) {
        for (Map.Entry<ReplicaId, Long> entry : generation.start().entrySet()) {
            Long seen = clock.get(entry.getKey());
            if (seen != null && seen < entry.getValue()) {
                return false;
            }
            if (seen == null && entry.getValue() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Forgets every generation, after a change that breaks contiguity (a permdown). */
    public void clear() {
        Arrays.fill(generations, null);
    }

    /**
     * The generations, smallest first, null where empty.
     *
     * @return a copy of the list
     */
    public List<Delta> generations() {
        return new ArrayList<>(Arrays.asList(generations));
    }
}
