package dev.channels.core.internal.presence;

import java.util.Objects;

/**
 * A causal tag: the replica that made a change and that replica's clock at the change. Each
 * local add or remove gets a fresh dot, so a dot names one event in the whole cluster.
 *
 * @param replica the replica that made the change
 * @param clock the replica's clock value for it, from 1
 */
public record Dot(ReplicaId replica, long clock) implements Comparable<Dot> {

    /**
     * Creates a dot.
     *
     * @param replica the replica
     * @param clock the clock value
     */
    public Dot {
        Objects.requireNonNull(replica, "replica");
    }

    @Override
    public int compareTo(Dot other) {
        int byReplica = replica.compareTo(other.replica);
        return byReplica != 0 ? byReplica : Long.compare(clock, other.clock);
    }

    @Override
    public String toString() {
        return replica + ":" + clock;
    }
}
