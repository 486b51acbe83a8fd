package dev.channels.spi.transport;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One encoded frame on its way to a client: text (JSON) or binary. Immutable and shared: a
 * broadcast is encoded once and the same frame goes to every subscriber.
 */
public final class OutboundFrame {

    private final String text;
    private final byte[] bytes;

    private OutboundFrame(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    /**
     * A text frame.
     *
     * @param text the frame's text
     * @return the frame
     */
    public static OutboundFrame text(String text) {
        return new OutboundFrame(Objects.requireNonNull(text, "text"), null);
    }

    /**
     * A binary frame. The array is not copied and must not change afterwards.
     *
     * @param bytes the frame's bytes
     * @return the frame
     */
    public static OutboundFrame binary(byte[] bytes) {
        return new OutboundFrame(null, Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Whether this is a binary frame.
     *
     * @return true for binary
     */
    public boolean isBinary() {
        return bytes != null;
    }

    /**
     * The text of a text frame.
     *
     * @return the text
     * @throws IllegalStateException for a binary frame
     */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("a binary frame has no text");
        }
        return text;
    }

    /**
     * The bytes of a binary frame, as a read-only view.
     *
     * @return a buffer positioned at the first byte
     * @throws IllegalStateException for a text frame
     */
    public ByteBuffer bytes() {
        if (bytes == null) {
            throw new IllegalStateException("a text frame has no bytes");
        }
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * The frame's size for queue accounting: bytes for binary, characters for text.
     *
     * @return the size
     */
    public int size() {
        return bytes != null ? bytes.length : text.length();
    }

    @Override
    public String toString() {
        return bytes != null ? "binary(" + bytes.length + " bytes)"
                : text;
    }
}
