package dev.channels.core.internal.serializer;

/**
 * A client frame that cannot be decoded. Carries the WebSocket close code the socket is
 * closed with ({@code 1003} for a binary frame the serializer cannot take, {@code 1007} for
 * anything malformed) and a short reason for the close frame (at most 123 bytes).
 */
public final class FrameException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The WebSocket close code for the socket: 1003 or 1007. */
    private final int closeCode;

    /**
     * Creates the exception.
     *
     * @param closeCode the close code
     * @param reason the close reason, short and specific
     */
    public FrameException(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    /**
     * The close code to close the socket with.
     *
     * @return the code
     */
    public int closeCode() {
        return closeCode;
    }
}
