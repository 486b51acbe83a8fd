package dev.channels.core.internal.serializer;

import dev.channels.core.internal.json.JsonPayload;

/**
 * One decoded client message.
 *
 * @param joinRef the join ref, or null (V1 never has one; V2 binary with length 0 is null)
 * @param ref the message ref, or null
 * @param topic the topic
 * @param event the event
 * @param payload the payload, JSON of any type or binary
 */
public record InboundMessage(String joinRef, String ref, String topic, String event,
        JsonPayload payload) {
}
