package dev.channels.core.memory;

import dev.channels.ChannelsException;

/** The endpoint refused an in-memory connection, as a WebSocket upgrade would be refused. */
public final class HandshakeRefusedException extends ChannelsException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status the upgrade would have got. */
    private final int status;

    HandshakeRefusedException(int status, String reason) {
        super("connection refused with HTTP " + status + ": " + reason);
        this.status = status;
    }

    /**
     * The HTTP status a WebSocket upgrade would have been answered with, such as 403.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
