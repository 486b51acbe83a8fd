package dev.channels;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Raw bytes as a payload. Pushed, broadcast or replied, it travels as a V2 binary WebSocket
 * frame; phoenix.js hands it to the application as an {@code ArrayBuffer}. Binary payloads
 * need the V2 serializer and the WebSocket transport.
 *
 * <p>Immutable: the bytes are copied in and out.
 */
public final class Binary {

    private final byte[] bytes;

    private Binary(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps a copy of the bytes.
     *
     * @param bytes the payload
     * @return the binary payload
     */
    public static Binary of(byte... bytes) {
        return new Binary(bytes.clone());
    }

    /**
     * Wraps a copy of the remaining bytes of a buffer, leaving its position unchanged.
     *
     * @param buffer the payload
     * @return the binary payload
     */
    public static Binary of(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return new Binary(copy);
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * A read-only view of the bytes, without copying.
     *
     * @return a buffer positioned at the first byte
     */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * The number of bytes.
     *
     * @return the size
     */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Binary && Arrays.equals(((Binary) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Binary[" + bytes.length + " bytes]";
    }
}
