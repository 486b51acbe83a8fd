package dev.channels.jakarta.internal;

import dev.channels.jakarta.ChannelsOptions;
import java.nio.charset.StandardCharsets;

/**
 * The two limits every WebSocket transport applies the same way, whatever its API: how large
 * an inbound message the container may buffer, and how long a close reason may be. Free of
 * any WebSocket API, so that a transport on another API can use it.
 */
public final class WebSocketLimits {

    /** Room above the runtime's own limit, so the runtime's 1009 comes first. */
    private static final int CONTAINER_SLACK = 1024;
    /** A close frame's payload is at most 125 bytes: the code's 2, then the reason. */
    private static final int MAX_REASON_BYTES = 123;

    private WebSocketLimits() {
    }

    /**
     * The largest inbound message the WebSocket container should accept: the options' limit
     * plus room, so that the runtime's own close (1009 {@code frame too large}) comes before
     * the container's.
     *
     * @param options the transport options
     * @return the limit in bytes
     */
    public static int containerLimit(ChannelsOptions options) {
        return (int) Math.min(Integer.MAX_VALUE, (long) options.maxFrameSize() + CONTAINER_SLACK);
    }

    /**
     * A close reason cut to the 123 bytes of UTF-8 a close frame can carry, without a broken
     * character at the end.
     *
     * @param reason the reason
     * @return the reason, or its first 123 bytes
     */
    public static String closeReason(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        return new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8)
                .replace("\uFFFD", "");
    }
}
