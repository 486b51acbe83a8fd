package dev.channels.core.internal.serializer;

import dev.channels.core.internal.json.JsonPayload;

/**
 * One decoded client message.
 *
 * @param joinRef the join ref, or null (a V1 client rarely sends one; a zero-length V2 binary
 *     field decodes as {@code ""}, as in Phoenix)
 * @param ref the message ref, or null ({@code ""} when zero-length in a V2 binary frame)
 * @param topic the topic
 * @param event the event
 * @param payload the payload, JSON of any type or binary
 */
public record InboundMessage(String joinRef, String ref, String topic, String event,
        JsonPayload payload) {
}
