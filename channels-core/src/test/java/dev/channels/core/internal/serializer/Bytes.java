package dev.channels.core.internal.serializer;

import dev.channels.spi.transport.OutboundFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds and reads byte frames in the notation of PROTOCOL.md: {@code [0, 1, "2", …]}. */
final class Bytes {

    private Bytes() {
    }

    /**
     * Concatenates the parts: an {@link Integer} is one byte, a {@link String} its UTF-8, a
     * {@code byte[]} itself.
     *
     * @param parts the parts
     * @return the bytes
     */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer) {
                out.write((Integer) part);
            } else if (part instanceof byte[]) {
                out.writeBytes((byte[]) part);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /**
     * The bytes of a binary frame.
     *
     * @param frame the frame
     * @return a copy of its bytes
     */
    static byte[] of(OutboundFrame frame) {
        ByteBuffer buffer = frame.bytes();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
