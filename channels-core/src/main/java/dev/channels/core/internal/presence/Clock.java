package dev.channels.core.internal.presence;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Version vectors (replica to the highest contiguous clock seen) and clock sets. A missing
 * replica counts as clock 0. Results are fresh sorted maps; arguments are not changed.
 */
public final class Clock {

    private Clock() {
    }

    /**
     * Whether {@code a} has seen everything {@code b} has: every entry of {@code b} is at most
     * the matching entry of {@code a}. A clock dominates itself.
     *
     * @param a a clock
     * @param b another clock
     * @return true when a dominates b
     */
    public static boolean dominates(Map<ReplicaId, Long> a, Map<ReplicaId, Long> b) {
        for (Map.Entry<ReplicaId, Long> entry : b.entrySet()) {
            if (a.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The per-replica maximum over the union of replicas.
     *
     * @param a a clock
     * @param b another clock
     * @return the upper bound
     */
    public static TreeMap<ReplicaId, Long> upperbound(Map<ReplicaId, Long> a,
            Map<ReplicaId, Long> b) {
        TreeMap<ReplicaId, Long> out = new TreeMap<>(a);
        b.forEach((replica, clock) -> out.merge(replica, clock, Math::max));
        return out;
    }

    /**
     * The per-replica minimum over the union of replicas; a replica missing from one clock
     * takes its value from the other.
     *
     * @param a a clock
     * @param b another clock
     * @return the lower bound
     */
    public static TreeMap<ReplicaId, Long> lowerbound(Map<ReplicaId, Long> a,
            Map<ReplicaId, Long> b) {
        TreeMap<ReplicaId, Long> out = new TreeMap<>(a);
        b.forEach((replica, clock) -> out.merge(replica, clock, Math::min));
        return out;
    }

    /**
     * Adds a replica's clock to a clock set that keeps only clocks no other member dominates.
     * When a member dominates the new clock, the set is unchanged; otherwise the members the
     * new clock dominates are dropped and it is added (replacing that replica's older clock).
     *
     * @param clockset replica to its last clock; changed in place
     * @param replica whose clock it is
     * @param clock the clock
     */
    public static void appendClock(Map<ReplicaId, Map<ReplicaId, Long>> clockset,
            ReplicaId replica, Map<ReplicaId, Long> clock) {
        for (Map.Entry<ReplicaId, Map<ReplicaId, Long>> member : clockset.entrySet()) {
            if (!member.getKey().equals(replica) && dominates(member.getValue(), clock)) {
                return;
            }
        }
        clockset.values().removeIf(other -> dominates(clock, other));
        clockset.put(replica, clock);
    }

    /**
     * The replicas of a clock set.
     *
     * @param clockset the set
     * @return its replicas, sorted
     */
    public static Set<ReplicaId> replicas(Map<ReplicaId, Map<ReplicaId, Long>> clockset) {
        return new TreeSet<>(clockset.keySet());
    }

    /**
     * A clock cut down to some replicas.
     *
     * @param clock the clock
     * @param keep the replicas to keep
     * @return the restricted clock
     */
    public static TreeMap<ReplicaId, Long> restrict(Map<ReplicaId, Long> clock,
            Set<ReplicaId> keep) {
        TreeMap<ReplicaId, Long> out = new TreeMap<>();
        clock.forEach((replica, value) -> {
            if (keep.contains(replica)) {
                out.put(replica, value);
            }
        });
        return out;
    }
}
