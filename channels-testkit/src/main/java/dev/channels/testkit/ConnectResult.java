package dev.channels.testkit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The outcome of {@link ChannelsTestKit#tryConnect}: the connected socket, or the refusal
 * with the HTTP status a WebSocket upgrade would have got. Phoenix's {@code {:ok, socket}}
 * or {@code :error}.
 *
 * <pre>{@code
 * ConnectResult refused = kit.tryConnect(userSocket, Map.of("token", "forged"));
 * assertTrue(refused.isRefused());
 * assertEquals(403, refused.status());
 * }</pre>
 *
 * <p>Immutable.
 */
public final class ConnectResult {

    private final TestSocket socket;
    private final int status;
    private final String reason;

    ConnectResult(TestSocket socket, int status, String reason) {
        this.socket = socket;
        this.status = status;
        this.reason = reason;
    }

    /**
     * Whether the socket's {@code connect} accepted the connection.
     *
     * @return true when accepted
     */
    public boolean isAccepted() {
        return socket != null;
    }

    /**
     * Whether the connection was refused: by the socket's {@code connect}, or because it
     * threw.
     *
     * @return true when refused
     */
    public boolean isRefused() {
        return socket == null;
    }

    /**
     * The connected socket, failing the test when the connection was refused.
     *
     * @return the socket
     * @throws org.opentest4j.AssertionFailedError when refused
     */
    public TestSocket socket() {
        if (socket == null) {
            fail("the socket refused the connection with HTTP " + status + ": " + reason);
        }
        return socket;
    }

    /**
     * The HTTP status of the upgrade: 101 when accepted, 403 for {@code Connect.refuse()},
     * or the status of {@code Connect.refuse(status, reason)}.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Why the connection was refused, as the socket's refusal said (for logs); empty when
     * accepted.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return isAccepted() ? "ConnectResult[accepted]" : "ConnectResult[refused " + status + "]";
    }
}
