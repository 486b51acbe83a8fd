package dev.channels.core.internal.serializer;

import dev.channels.core.internal.json.JsonPayload;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The V2 binary frames of PROTOCOL.md §2.4. Every header field is preceded by its UTF-8
 * length in one unsigned byte; a null ref is a zero-length field; the payload is the rest of
 * the frame.
 */
final class BinaryFrames {

    /** Kind byte of a push, client to server and server to client. */
    static final int PUSH = 0;

    /** Kind byte of a reply, server to client. */
    static final int REPLY = 1;

    /** Kind byte of a broadcast, server to client. */
    static final int BROADCAST = 2;

    private static final byte[] EMPTY = new byte[0];

    private static final int CLIENT_PUSH_HEADER = 5;

    private BinaryFrames() {
    }

    /**
     * Encodes a server push: {@code [0, len(jr), len(topic), len(event), jr, topic, event,
     * payload…]}. A server push has no ref field.
     *
     * @param joinRef the join ref, or null
     * @param topic the topic
     * @param event the event
     * @param payload the payload bytes
     * @return the frame
     * @throws IllegalArgumentException when a field is longer than 255 bytes
     */
    static byte[] push(String joinRef, String topic, String event, byte[] payload) {
        return frame(PUSH, payload, field(joinRef, "join_ref"), field(topic, "topic"),
                field(event, "event"));
    }

    /**
     * Encodes a reply: {@code [1, len(jr), len(ref), len(topic), len(status), jr, ref, topic,
     * status, payload…]}.
     *
     * @param joinRef the join ref, or null
     * @param ref the ref, or null
     * @param topic the topic
     * @param status the status
     * @param payload the response bytes
     * @return the frame
     * @throws IllegalArgumentException when a field is longer than 255 bytes
     */
    static byte[] reply(String joinRef, String ref, String topic, String status,
            byte[] payload) {
        return frame(REPLY, payload, field(joinRef, "join_ref"), field(ref, "ref"),
                field(topic, "topic"), field(status, "status"));
    }

    /**
     * Encodes a broadcast: {@code [2, len(topic), len(event), topic, event, payload…]}.
     *
     * @param topic the topic
     * @param event the event
     * @param payload the payload bytes
     * @return the frame
     * @throws IllegalArgumentException when a field is longer than 255 bytes
     */
    static byte[] broadcast(String topic, String event, byte[] payload) {
        return frame(BROADCAST, payload, field(topic, "topic"), field(event, "event"));
    }

    private static byte[] field(String value, String name) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Frames.MAX_BINARY_FIELD) {
            throw new IllegalArgumentException("unable to convert " + name + " to binary: it is "
                    + bytes.length + " bytes of UTF-8, the limit is " + Frames.MAX_BINARY_FIELD);
        }
        return bytes;
    }

    private static byte[] frame(int kind, byte[] payload, byte[]... fields) {
        int size = 1 + fields.length + payload.length;
        for (byte[] field : fields) {
            size += field.length;
        }
        byte[] frame = new byte[size];
        frame[0] = (byte) kind;
        int at = 1;
        for (byte[] field : fields) {
            frame[at++] = (byte) field.length;
        }
        for (byte[] field : fields) {
            System.arraycopy(field, 0, frame, at, field.length);
            at += field.length;
        }
        System.arraycopy(payload, 0, frame, at, payload.length);
        return frame;
    }

    /**
     * Decodes a client push: {@code [0, len(jr), len(ref), len(topic), len(event), jr, ref,
     * topic, event, payload…]}. Zero-length refs decode as {@code ""}, as in Phoenix. The
     * buffer's position is left unchanged and the payload is copied out.
     *
     * @param frame the frame, from its position to its limit
     * @return the message
     * @throws FrameException 1003 for a kind other than push, 1007 when malformed
     */
    static InboundMessage decode(ByteBuffer frame) throws FrameException {
        int base = frame.position();
        int size = frame.remaining();
        if (size == 0) {
            throw Frames.invalid("empty binary frame");
        }
        int kind = Byte.toUnsignedInt(frame.get(base));
        if (kind != PUSH) {
            throw Frames.unsupported("unknown binary frame kind " + kind);
        }
        if (size < CLIENT_PUSH_HEADER) {
            throw Frames.invalid("binary push header needs 5 bytes, got " + size);
        }
        int joinRefSize = Byte.toUnsignedInt(frame.get(base + 1));
        int refSize = Byte.toUnsignedInt(frame.get(base + 2));
        int topicSize = Byte.toUnsignedInt(frame.get(base + 3));
        int eventSize = Byte.toUnsignedInt(frame.get(base + 4));
        int payloadAt = CLIENT_PUSH_HEADER + joinRefSize + refSize + topicSize + eventSize;
        if (payloadAt > size) {
            throw Frames.invalid("binary header lengths run past the end of the frame");
        }

        int at = base + CLIENT_PUSH_HEADER;
        String joinRef = utf8(frame, at, joinRefSize, "join_ref");
        at += joinRefSize;
        String ref = utf8(frame, at, refSize, "ref");
        at += refSize;
        String topic = utf8(frame, at, topicSize, "topic");
        at += topicSize;
        String event = utf8(frame, at, eventSize, "event");
        at += eventSize;

        byte[] payload = new byte[size - payloadAt];
        frame.get(at, payload);
        return new InboundMessage(joinRef, ref, topic, event, JsonPayload.ofBinary(payload));
    }

    private static String utf8(ByteBuffer frame, int at, int length, String field)
            throws FrameException {
        if (length == 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        frame.get(at, bytes);
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw Frames.invalid(field + " is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
