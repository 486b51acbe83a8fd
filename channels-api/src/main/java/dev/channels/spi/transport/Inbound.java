package dev.channels.spi.transport;

import java.nio.ByteBuffer;

/**
 * The runtime's side of one connection: the transport hands it whole frames and reports the
 * end. Calls for one connection must not overlap (one reader at a time); they return
 * quickly, never waiting on channel code.
 */
public interface Inbound {

    /**
     * A text frame arrived.
     *
     * @param frame the whole frame
     */
    void onText(String frame);

    /**
     * A binary frame arrived.
     *
     * @param frame the whole frame; read before this returns
     */
    void onBinary(ByteBuffer frame);

    /**
     * The client showed it is alive without sending a frame (a long-poll GET): resets the idle
     * timeout as a frame would. Returns at once. The default does nothing.
     */
    default void onActivity() {
    }

    /**
     * The connection is gone: the client closed it or the network failed. The socket's
     * channels terminate with {@link dev.channels.ExitReason#CLOSED}. Safe to call more than
     * once.
     *
     * @param code the close code the client sent, or 1006 when none
     * @param reason the close reason, or empty
     */
    void onClosed(int code, String reason);
}
