package dev.channels.spi.pubsub;

import java.util.Objects;

/**
 * A broadcast on its way between nodes: topic, event and the already encoded payload (JSON
 * text as UTF-8, or raw bytes), with the node it came from. Adapters serialize it in their
 * own envelope and should carry {@link #VERSION} so nodes of two releases can share a bus.
 *
 * @param topic the topic
 * @param event the event name
 * @param binary whether the payload is raw bytes rather than UTF-8 JSON
 * @param payload the encoded payload; not copied, must not change
 * @param originNode the node that published it
 * @param targetNode the only node that should receive it, or null for every subscribed node
 */
public record PubSubMessage(String topic, String event, boolean binary, byte[] payload,
        String originNode, String targetNode) {

    /** The envelope version this release writes and reads. */
    public static final int VERSION = 1;

    /**
     * Creates a message.
     *
     * @param topic the topic
     * @param event the event name
     * @param binary whether the payload is raw bytes
     * @param payload the encoded payload
     * @param originNode the node that published it
     * @param targetNode the only receiving node, or null
     */
    public PubSubMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(originNode, "originNode");
    }
}
