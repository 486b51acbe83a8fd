package dev.channels.core.internal.presence;

import java.util.Map;

/** A message between the replicas of one shard (§6.3 of PROTOCOL.md). */
public sealed interface TrackerMessage {

    /**
     * The replica that sent it.
     *
     * @return the sender
     */
    ReplicaId from();

    /**
     * The periodic keep-alive, with the sender's local delta when it changed anything.
     *
     * @param from the sender
     * @param delta its changes since its last heartbeat, or null for an empty heartbeat
     * @param clocks its clocks (the up replicas of its context)
     */
    record Heartbeat(ReplicaId from, Delta delta, Map<ReplicaId, Long> clocks)
            implements TrackerMessage {
    }

    /**
     * A request for what the receiver has seen and the sender has not, sent to one replica.
     *
     * @param ref the request's id, echoed in the answer
     * @param from the requester
     * @param clocks the requester's clocks
     */
    record TransferReq(String ref, ReplicaId from, Map<ReplicaId, Long> clocks)
            implements TrackerMessage {
    }

    /**
     * The answer to a transfer request: a delta generation or a full extract.
     *
     * @param ref the request's id
     * @param from the answering replica
     * @param data what the requester lacks
     */
    record TransferAck(String ref, ReplicaId from, Delta data) implements TrackerMessage {
    }

    /**
     * The sender is going away for good: take it down and forget it now.
     *
     * @param from the leaving replica
     */
    record GracefulPermdown(ReplicaId from) implements TrackerMessage {
    }
}
