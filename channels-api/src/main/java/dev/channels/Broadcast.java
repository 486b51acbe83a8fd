package dev.channels;

import java.util.Objects;

/**
 * A broadcast as a subscriber that is not a client sees it: host code subscribed through
 * the endpoint, or a channel's extra subscription (delivered to {@link Channel#handleInfo}).
 *
 * @param topic the topic it was broadcast on
 * @param event the event name
 * @param payload the payload
 */
public record Broadcast(String topic, String event, Payload payload) {

    /**
     * Creates a broadcast.
     *
     * @param topic the topic it was broadcast on
     * @param event the event name
     * @param payload the payload
     */
    public Broadcast {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
    }
}
