package dev.channels.core.internal.presence;

/**
 * How the replicas of a shard reach each other's nodes. The bus hands what arrives to
 * {@link Tracker#receive}. Delivery may be late, lost, duplicated or reordered; the tracker
 * copes. Both methods may be called from any thread and must not block: queue and return.
 */
public interface TrackerBus {

    /**
     * Sends a message to the same shard on every other node.
     *
     * @param shard the shard number
     * @param message the encoded message
     */
    void broadcast(int shard, byte[] message);

    /**
     * Sends a message to the same shard on one node.
     *
     * @param node the node's name
     * @param shard the shard number
     * @param message the encoded message
     */
    void send(String node, int shard, byte[] message);
}
