package dev.channels.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.Payload;
import dev.channels.core.internal.testing.TestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the V2 frames a server writes to a client (PROTOCOL.md §2.2 and §2.4) into
 * {@link Event}s, and writes the frames a client sends.
 */
public final class Frames {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Frames() {
    }

    /**
     * Writes a client frame {@code [join_ref, ref, topic, event, payload]}.
     *
     * @param joinRef the join ref
     * @param ref the message ref
     * @param topic the topic
     * @param event the event
     * @param payload the payload, already a payload as the client would send it
     * @return the frame's text
     */
    public static String message(String joinRef, String ref, String topic, String event,
            Payload payload) {
        return MAPPER.createArrayNode().add(joinRef).add(ref).add(topic).add(event)
                .add(TestSupport.tree(payload)).toString();
    }

    /**
     * Writes a client binary push (kind 0).
     *
     * @param joinRef the join ref
     * @param ref the message ref
     * @param topic the topic
     * @param event the event
     * @param payload the bytes
     * @return the frame
     */
    public static byte[] binaryMessage(String joinRef, String ref, String topic, String event,
            byte[] payload) {
        byte[][] fields = {utf8(joinRef), utf8(ref), utf8(topic), utf8(event)};
        int size = 5 + payload.length;
        for (byte[] field : fields) {
            if (field.length > 255) {
                throw new IllegalArgumentException("a binary frame's header fields are at most"
                        + " 255 bytes; got " + field.length);
            }
            size += field.length;
        }
        java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(size).put((byte) 0);
        for (byte[] field : fields) {
            frame.put((byte) field.length);
        }
        for (byte[] field : fields) {
            frame.put(field);
        }
        return frame.put(payload).array();
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a V2 text frame from the server.
     *
     * @param socket the receiving test socket's number
     * @param text the frame
     * @return the event
     * @throws IllegalArgumentException when the frame is not a V2 server frame
     */
    public static Event text(int socket, String text) {
        JsonNode frame;
        try {
            frame = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the server wrote a frame that is not JSON: "
                    + text, e);
        }
        if (!frame.isArray() || frame.size() != 5) {
            throw new IllegalArgumentException("not a V2 frame: " + text);
        }
        String joinRef = frame.get(0).textValue();
        String ref = frame.get(1).textValue();
        String topic = frame.get(2).textValue();
        String event = frame.get(3).textValue();
        JsonNode payload = frame.get(4);
        switch (event) {
            case "phx_reply":
                return new Event(Event.Kind.REPLY, socket, topic, event, joinRef, ref,
                        payload.path("status").asText(),
                        TestSupport.payload(payload.path("response")));
            case "phx_close":
                return new Event(Event.Kind.CLOSE, socket, topic, event, joinRef, null, null,
                        TestSupport.payload(payload));
            case "phx_error":
                return new Event(Event.Kind.ERROR, socket, topic, event, joinRef, null, null,
                        TestSupport.payload(payload));
            default:
                return new Event(Event.Kind.PUSH, socket, topic, event, joinRef, null, null,
                        TestSupport.payload(payload));
        }
    }

    /**
     * Decodes a V2 binary frame from the server: a push, a reply or a broadcast.
     *
     * @param socket the receiving test socket's number
     * @param bytes the frame
     * @return the event
     * @throws IllegalArgumentException when the frame is not a V2 server frame
     */
    public static Event binary(int socket, byte[] bytes) {
        Reader in = new Reader(bytes);
        int kind = in.unsigned();
        switch (kind) {
            case 0: {
                int[] sizes = {in.unsigned(), in.unsigned(), in.unsigned()};
                String joinRef = in.text(sizes[0]);
                String topic = in.text(sizes[1]);
                String event = in.text(sizes[2]);
                return new Event(Event.Kind.PUSH, socket, topic, event, joinRef, null, null,
                        in.rest());
            }
            case 1: {
                int[] sizes = {in.unsigned(), in.unsigned(), in.unsigned(), in.unsigned()};
                String joinRef = in.text(sizes[0]);
                String ref = in.text(sizes[1]);
                String topic = in.text(sizes[2]);
                String status = in.text(sizes[3]);
                return new Event(Event.Kind.REPLY, socket, topic, "phx_reply", joinRef, ref,
                        status, in.rest());
            }
            case 2: {
                int[] sizes = {in.unsigned(), in.unsigned()};
                String topic = in.text(sizes[0]);
                String event = in.text(sizes[1]);
                return new Event(Event.Kind.PUSH, socket, topic, event, null, null, null,
                        in.rest());
            }
            default:
                throw new IllegalArgumentException("unknown binary frame kind " + kind);
        }
    }

    /** Reads a binary frame front to back. */
    private static final class Reader {

        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int unsigned() {
            return bytes[at++] & 0xff;
        }

        /** A header field; a zero-length join ref decodes to null, as phoenix.js treats it. */
        String text(int size) {
            String text = new String(bytes, at, size, StandardCharsets.UTF_8);
            at += size;
            return size == 0 ? null : text;
        }

        Payload rest() {
            return TestSupport.binary(Arrays.copyOfRange(bytes, at, bytes.length));
        }
    }
}
