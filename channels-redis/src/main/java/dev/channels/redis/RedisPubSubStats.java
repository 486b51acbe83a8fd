package dev.channels.redis;

/**
 * A snapshot of one node's Redis adapter, from {@link RedisPubSub#stats()}. Counters start at
 * zero when the adapter starts and only grow.
 *
 * @param connected whether both connections to Redis are up and subscribed
 * @param topics the topics this node is subscribed to in Redis (those with local
 *     subscribers); 0 while disconnected
 * @param published messages Redis accepted from this node
 * @param received messages from other nodes handed to this node's subscribers
 * @param dropped messages for other nodes that were dropped: the outgoing buffer was full,
 *     or Redis failed them
 * @param malformed messages from Redis ignored because they were not envelopes
 * @param unsupported messages ignored because a newer release wrote them in an envelope
 *     version this node cannot read
 */
public record RedisPubSubStats(boolean connected, int topics, long published, long received,
        long dropped, long malformed, long unsupported) {
}
