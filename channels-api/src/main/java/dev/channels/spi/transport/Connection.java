package dev.channels.spi.transport;

import java.util.List;

/**
 * One established connection, as the transport implements it for the runtime.
 *
 * <p>The runtime calls {@link #write} with at most one batch outstanding: it waits for
 * {@link WriteCompletion#complete(Throwable)} before the next call. It calls {@link #close}
 * once, after the last write completed (or instead of waiting, when it gives up on the
 * client). Implementations must not block in these calls.
 */
public interface Connection {

    /**
     * Writes frames, in order. Calls {@code done} exactly once, when every frame is written or
     * the first one failed; it may be called before this method returns. The list is only
     * valid until then.
     *
     * @param frames the frames, in order
     * @param done called once when the batch is finished
     */
    void write(List<OutboundFrame> frames, WriteCompletion done);

    /**
     * Closes the connection with a WebSocket close code and reason (long-poll ends the
     * session). Safe to call when already closed.
     *
     * @param code a close code, see {@link dev.channels.CloseCodes}
     * @param reason a short reason, at most 123 bytes of UTF-8
     */
    void close(int code, String reason);

    /**
     * Whether binary frames can travel on this connection (false for long-poll).
     *
     * @return true when binary frames can be written
     */
    default boolean supportsBinary() {
        return true;
    }
}
