package dev.channels.spi.transport;

/**
 * The outcome of {@link SocketAcceptor#handshake}. An accepted handshake must be either
 * {@link #open opened} or {@link #abandon() abandoned} exactly once.
 */
public interface Handshake {

    /**
     * Whether the connection may proceed.
     *
     * @return true when accepted
     */
    boolean accepted();

    /**
     * The HTTP status to answer a refusal with: 403 for a refused connect, a wrong
     * {@code vsn} or a failed origin check, or the status the socket chose. 101 when accepted.
     *
     * @return the status
     */
    int status();

    /**
     * Why the connection was refused, for the transport's log.
     *
     * @return the reason, empty when accepted
     */
    String reason();

    /**
     * The negotiated serializer version: {@code "1.0.0"} or {@code "2.0.0"}.
     *
     * @return the version
     */
    String serializer();

    /**
     * Attaches the established connection and starts the socket. Frames may be written to the
     * connection before this returns.
     *
     * @param connection where the runtime writes
     * @return where the transport hands inbound frames and the close
     * @throws IllegalStateException when refused, or already opened or abandoned
     */
    Inbound open(Connection connection);

    /** Gives up an accepted handshake that will not be opened (the upgrade failed). */
    void abandon();

    /**
     * A refused handshake, for a transport that refuses before asking the runtime (the
     * endpoint is shut down, the upgrade is malformed).
     *
     * @param status the HTTP status to answer with
     * @param reason why, for the log
     * @return a handshake whose {@link #open} throws {@link IllegalStateException}
     */
    static Handshake refused(int status, String reason) {
        return new Handshake() {
            @Override
            public boolean accepted() {
                return false;
            }

            @Override
            public int status() {
                return status;
            }

            @Override
            public String reason() {
                return reason;
            }

            @Override
            public String serializer() {
                return "";
            }

            @Override
            public Inbound open(Connection connection) {
                throw new IllegalStateException("the connection was refused (" + status + "): "
                        + reason);
            }

            @Override
            public void abandon() {
            }
        };
    }
}
