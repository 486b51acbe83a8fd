package dev.channels;

/**
 * The WebSocket close codes the runtime uses, each for one situation. phoenix.js (1.8.13 and
 * later) reconnects after any close it did not ask for; older 1.8 clients do not reconnect
 * after {@code 1000}, so the server never uses it for a close the client should recover from.
 *
 * <table>
 *   <caption>Close codes</caption>
 *   <tr><th>code</th><th>reason text</th><th>when</th></tr>
 *   <tr><td>1001</td><td>{@code disconnected}</td><td>{@code Endpoint.disconnect(id)}</td></tr>
 *   <tr><td>1001</td><td>{@code idle timeout}</td><td>nothing received for the idle
 *       timeout</td></tr>
 *   <tr><td>1001</td><td>{@code shutdown}</td><td>the endpoint shut down without draining</td></tr>
 *   <tr><td>1003</td><td>{@code binary frames need vsn 2.0.0}, {@code unknown binary kind}</td>
 *       <td>a binary frame the serializer cannot take</td></tr>
 *   <tr><td>1007</td><td>{@code invalid frame: …}</td><td>invalid JSON, wrong shape, invalid
 *       UTF-8, a field over its limit</td></tr>
 *   <tr><td>1008</td><td>{@code too many pending messages}</td><td>the client sent more than
 *       the inbound limit before earlier messages were handled</td></tr>
 *   <tr><td>1009</td><td>{@code frame too large}</td><td>an inbound frame over the frame
 *       limit</td></tr>
 *   <tr><td>1011</td><td>{@code internal error}</td><td>a failure inside the runtime</td></tr>
 *   <tr><td>1012</td><td>{@code restart}</td><td>drain at shutdown: reconnect elsewhere</td></tr>
 *   <tr><td>4000</td><td>{@code slow consumer}</td><td>the outbound queue passed its limit:
 *       the client did not read fast enough</td></tr>
 * </table>
 */
public final class CloseCodes {

    /** A close the client asked for, or a normal end. Never sent when it should reconnect. */
    public static final int NORMAL = 1000;
    /** Disconnected by id, idle timeout, or shutdown without drain. */
    public static final int GOING_AWAY = 1001;
    /** A binary frame the negotiated serializer cannot take. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A frame that does not decode: invalid JSON, wrong shape, oversize field. */
    public static final int INVALID_FRAME = 1007;
    /** The client sent faster than its messages could be handled. */
    public static final int POLICY_VIOLATION = 1008;
    /** An inbound frame over the size limit. */
    public static final int TOO_BIG = 1009;
    /** A failure inside the runtime. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server is draining at shutdown; reconnect, likely to another node. */
    public static final int SERVICE_RESTART = 1012;
    /** The client did not read fast enough: its outbound queue passed the limit. */
    public static final int SLOW_CONSUMER = 4000;

    private CloseCodes() {
    }
}
