package dev.channels.redis.internal;

import dev.channels.spi.pubsub.PubSubMessage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one {@link PubSubMessage} on a Redis channel. Big-endian; a marker byte, then
 * the version, so a node can tell a message it cannot read (or one that is not an envelope
 * at all) before reading it.
 *
 * <pre>
 * offset  size  field
 * 0       1     marker 0xC5: no text or JSON starts with it
 * 1       1     version: {@link PubSubMessage#VERSION} (1)
 * 2       1     flags: bit 0 binary payload, bit 1 target node present; other bits are 0
 *               when written and ignored when read
 * 3       4     header length H: the bytes from offset 7 to the payload
 * 7       H     header: origin node, topic, event, then the target node when bit 1 is set;
 *               each a string (4-byte length, then that many bytes of UTF-8). A reader
 *               skips header bytes after the fields it knows.
 * 7 + H   rest  payload: UTF-8 JSON text, or raw bytes when bit 0 is set
 * </pre>
 *
 * <p>Compatible additions (a new flag bit readers may ignore, a new trailing header field)
 * keep version 1: older nodes read such messages and skip what they do not know. A change
 * older readers would misread takes a new version; readers ignore versions above their own.
 *
 * <p>Stateless and thread-safe.
 */
public final class Envelope {

    /** The version this release writes; it reads this one only. */
    public static final int VERSION = PubSubMessage.VERSION;

    static final int MARKER = 0xC5;
    static final int BINARY = 1;
    static final int TARGETED = 1 << 1;
    static final int FIXED = 7;

    private Envelope() {
    }

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return its envelope, a new array
     */
    public static byte[] encode(PubSubMessage message) {
        byte[] origin = utf8(message.originNode());
        byte[] topic = utf8(message.topic());
        byte[] event = utf8(message.event());
        byte[] target = message.targetNode() == null ? null : utf8(message.targetNode());
        int header = 12 + origin.length + topic.length + event.length
                + (target == null ? 0 : 4 + target.length);
        ByteBuffer out = ByteBuffer.allocate(FIXED + header + message.payload().length);
        int flags = (message.binary() ? BINARY : 0) | (target == null ? 0 : TARGETED);
        out.put((byte) MARKER).put((byte) VERSION).put((byte) flags).putInt(header);
        putString(out, origin);
        putString(out, topic);
        putString(out, event);
        if (target != null) {
            putString(out, target);
        }
        out.put(message.payload());
        return out.array();
    }

    /**
     * The version of an envelope, without reading the rest.
     *
     * @param bytes the envelope, or null
     * @return its version, or -1 when the bytes are not an envelope
     */
    public static int version(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || (bytes[0] & 0xFF) != MARKER) {
            return -1;
        }
        return bytes[1] & 0xFF;
    }

    /**
     * Decodes an envelope of this release's version.
     *
     * @param bytes the envelope
     * @return the message; its payload is a copy
     * @throws MalformedEnvelopeException when the bytes are not an envelope of this version
     */
    public static PubSubMessage decode(byte[] bytes) {
        int version = version(bytes);
        if (version != VERSION) {
            throw new MalformedEnvelopeException(version < 0 ? "not an envelope"
                    : "version " + version + ", expected " + VERSION);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.position(2);
            int flags = in.get() & 0xFF;
            int header = in.getInt();
            if (header < 0 || header > bytes.length - FIXED) {
                throw new MalformedEnvelopeException("header length " + header + " in "
                        + bytes.length + " bytes");
            }
            ByteBuffer fields = in.slice(FIXED, header);
            String origin = getString(fields);
            String topic = getString(fields);
            String event = getString(fields);
            String target = (flags & TARGETED) != 0 ? getString(fields) : null;
            byte[] payload = Arrays.copyOfRange(bytes, FIXED + header, bytes.length);
            return new PubSubMessage(topic, event, (flags & BINARY) != 0, payload, origin,
                    target);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new MalformedEnvelopeException("truncated: " + bytes.length + " bytes");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MalformedEnvelopeException("string of " + length + " bytes with "
                    + in.remaining() + " left in the header");
        }
        ByteBuffer text = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(text).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedEnvelopeException("a header string is not UTF-8");
        }
    }

    /** The bytes are not an envelope this release can read. */
    public static final class MalformedEnvelopeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedEnvelopeException(String message) {
            super(message);
        }
    }
}
