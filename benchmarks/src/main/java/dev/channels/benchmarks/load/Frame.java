package dev.channels.benchmarks.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One Phoenix V2 JSON frame, {@code [join_ref, ref, topic, event, payload]}. Refs are kept as
 * the strings the server sent, or {@code null}.
 *
 * @param joinRef the join reference, or {@code null} for broadcasts and heartbeats
 * @param ref the message reference, or {@code null} for pushes and broadcasts
 * @param topic the topic
 * @param event the event
 * @param payload the payload, never {@code null} (a missing one reads as an empty object)
 */
public record Frame(String joinRef, String ref, String topic, String event, JsonNode payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shared mapper: thread-safe once configured, and configured only here. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Encodes a frame whose payload is already JSON text. */
    public static String encode(String joinRef, String ref, String topic, String event,
            String payloadJson) {
        return "[" + quote(joinRef) + "," + quote(ref) + "," + quote(topic) + ","
                + quote(event) + "," + payloadJson + "]";
    }

    /**
     * Decodes a V2 frame.
     *
     * @throws IllegalArgumentException when the text is not a five-element JSON array
     */
    public static Frame decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + abbreviate(text), e);
        }
        if (!(node instanceof ArrayNode array) || array.size() != 5) {
            throw new IllegalArgumentException("not a V2 frame: " + abbreviate(text));
        }
        return new Frame(text(array.get(0)), text(array.get(1)), array.get(2).asText(),
                array.get(3).asText(), array.get(4).isNull() ? JSON.createObjectNode()
                        : array.get(4));
    }

    /** Whether this is the server's reply to the given ref. */
    public boolean isReplyTo(String sentRef) {
        return "phx_reply".equals(event) && sentRef.equals(ref);
    }

    /** The reply status ({@code ok}, {@code error}), or {@code null} if this is no reply. */
    public String status() {
        JsonNode status = payload.get("status");
        return status == null ? null : status.asText();
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always encodes", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
