package dev.channels;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link Socket#connect(ConnectRequest)}: accepted with the socket's assigns,
 * or refused.
 */
public final class Connect {

    private static final Connect REFUSED = new Connect(false, Map.of(), 403, "refused");

    private final boolean accepted;
    private final Map<String, Object> assigns;
    private final int status;
    private final String reason;

    private Connect(boolean accepted, Map<String, Object> assigns, int status, String reason) {
        this.accepted = accepted;
        this.assigns = assigns;
        this.status = status;
        this.reason = reason;
    }

    /**
     * Accepts the connection with no assigns.
     *
     * @return an accepted connect
     */
    public static Connect accept() {
        return accept(Map.of());
    }

    /**
     * Accepts the connection. The assigns are copied into every channel joined on it.
     *
     * @param assigns the socket's assigns, for example the authenticated user id; values may
     *     not be null
     * @return an accepted connect
     */
    public static Connect accept(Map<String, ?> assigns) {
        return new Connect(true, Map.copyOf(assigns), 101, "");
    }

    /**
     * Refuses the connection: the transport answers HTTP 403 (long-poll: {@code status 403}).
     *
     * @return a refusal
     */
    public static Connect refuse() {
        return REFUSED;
    }

    /**
     * Refuses the connection with a reason for the server log; the client sees HTTP 403.
     *
     * @param reason why, for the log only
     * @return a refusal
     */
    public static Connect refuse(String reason) {
        return refuse(403, reason);
    }

    /**
     * Refuses the connection with a chosen HTTP status for the WebSocket upgrade, for example
     * 429 when rate limited. Long-poll always answers {@code status 403}.
     *
     * @param httpStatus an HTTP status from 400 to 599
     * @param reason why, for the log only
     * @return a refusal
     */
    public static Connect refuse(int httpStatus, String reason) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException(
                    "a refusal needs an HTTP error status (400-599), got " + httpStatus);
        }
        return new Connect(false, Map.of(), httpStatus, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Whether the connection was accepted.
     *
     * @return true when accepted
     */
    public boolean accepted() {
        return accepted;
    }

    /**
     * The socket's assigns; empty for a refusal.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> assigns() {
        return assigns;
    }

    /**
     * The HTTP status a refusal answers with (101 when accepted).
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Why the connection was refused, for the log; empty when accepted.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return accepted ? "Connect[accepted]" : "Connect[refused " + status + "]";
    }
}
