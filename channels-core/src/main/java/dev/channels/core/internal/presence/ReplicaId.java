package dev.channels.core.internal.presence;

import java.util.Comparator;
import java.util.Objects;

/**
 * One replica of one shard: a node name and the version of that shard's start. A restarted
 * node keeps its name but gets a new, larger {@code vsn}, so it is a new replica.
 *
 * @param name the node's name
 * @param vsn the start version, unique per shard start on that node
 */
public record ReplicaId(String name, long vsn) implements Comparable<ReplicaId> {

    private static final Comparator<ReplicaId> ORDER =
            Comparator.comparing(ReplicaId::name).thenComparingLong(ReplicaId::vsn);

    /**
     * Creates a replica id.
     *
     * @param name the node's name
     * @param vsn the start version
     */
    public ReplicaId {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public int compareTo(ReplicaId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return name + "@" + vsn;
    }
}
