package dev.channels;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link Channel#handleIn(String, Payload, ChannelContext)} answers: a reply with a
 * status, no reply, or a stop with or without a reply. Also what a {@link SocketRef} sends
 * later.
 *
 * <p>A reply reaches the client as {@code [join_ref, ref, topic, "phx_reply",
 * {"response":…,"status":…}]} with the ref of the message answered. Pushes made during the
 * callback are written before it.
 *
 * <table>
 *   <caption>Results and frames (J = join ref, R = message ref)</caption>
 *   <tr><th>result</th><th>frames</th></tr>
 *   <tr><td>{@link #ok()}</td>
 *       <td>{@code [J,R,topic,"phx_reply",{"response":{},"status":"ok"}]}</td></tr>
 *   <tr><td>{@link #ok(Object)}</td><td>the same, with the response</td></tr>
 *   <tr><td>{@link #error(Object)}</td><td>the same, with status {@code "error"}</td></tr>
 *   <tr><td>{@link #status(String, Object)}</td><td>any status</td></tr>
 *   <tr><td>{@link #noReply()}</td><td>none</td></tr>
 *   <tr><td>{@link #stop()}</td><td>{@code [J,J,topic,"phx_close",{}]}</td></tr>
 *   <tr><td>{@link #stop(Reply)}</td><td>the reply, then {@code phx_close}</td></tr>
 *   <tr><td>{@link #stop(ExitReason, Reply)}</td><td>the reply (if any), then
 *       {@code phx_close}, or {@code phx_error} when the reason is not graceful</td></tr>
 * </table>
 */
public final class Reply {

    private static final Map<String, Object> EMPTY = Map.of();
    private static final Reply OK = new Reply("ok", EMPTY, null, null);
    private static final Reply NONE = new Reply(null, null, null, null);

    private final String status;
    private final Object response;
    private final ExitReason stop;
    private final Reply stopReply;

    private Reply(String status, Object response, ExitReason stop, Reply stopReply) {
        this.status = status;
        this.response = response;
        this.stop = stop;
        this.stopReply = stopReply;
    }

    /**
     * Replies {@code ok} with the response {@code {}}.
     *
     * @return the reply
     */
    public static Reply ok() {
        return OK;
    }

    /**
     * Replies {@code ok} with a response.
     *
     * @param response any JSON value (map, record, list, string, number) or a {@link Binary},
     *     which becomes a binary reply frame
     * @return the reply
     */
    public static Reply ok(Object response) {
        return status("ok", response);
    }

    /**
     * Replies {@code error} with a response, such as {@code {"reason":"forbidden"}}.
     *
     * @param response any JSON value or a {@link Binary}
     * @return the reply
     */
    public static Reply error(Object response) {
        return status("error", response);
    }

    /**
     * Replies with any status; phoenix.js routes it to {@code .receive(status, …)}.
     *
     * @param status the status, for example {@code "ok"}, {@code "error"} or
     *     {@code "accepted"}
     * @param response any JSON value or a {@link Binary}
     * @return the reply
     */
    public static Reply status(String status, Object response) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(response, "response (use Map.of() for an empty one)");
        return new Reply(status, response, null, null);
    }

    /**
     * Sends no reply now. Use it with {@link ChannelContext#socketRef()} to reply later, or
     * for events the client does not wait on.
     *
     * @return the absence of a reply
     */
    public static Reply noReply() {
        return NONE;
    }

    /**
     * Stops the channel gracefully without a reply: the client gets {@code phx_close}.
     *
     * @return the stop
     */
    public static Reply stop() {
        return new Reply(null, null, ExitReason.NORMAL, null);
    }

    /**
     * Replies, then stops the channel gracefully (Phoenix's {@code {:stop, :shutdown,
     * reply, socket}}): the client gets the reply, then {@code phx_close}.
     *
     * @param reply the reply to send first; not itself a stop
     * @return the stop
     */
    public static Reply stop(Reply reply) {
        return stop(ExitReason.SHUTDOWN, reply);
    }

    /**
     * Replies (unless {@code reply} is {@link #noReply()}), then stops the channel for the
     * given reason: {@code phx_close} when the reason is graceful, {@code phx_error}
     * otherwise.
     *
     * @param reason why the channel stops
     * @param reply the reply to send first, or {@link #noReply()}
     * @return the stop
     */
    public static Reply stop(ExitReason reason, Reply reply) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reply, "reply");
        if (reply.isStop()) {
            throw new IllegalArgumentException("the reply sent before a stop cannot be a stop");
        }
        return new Reply(null, null, reason, reply.isReply() ? reply : null);
    }

    /**
     * Whether this sends a reply frame now (a plain reply, or a stop with a reply).
     *
     * @return true when a reply frame is sent
     */
    public boolean isReply() {
        return status != null || stopReply != null;
    }

    /**
     * Whether this stops the channel.
     *
     * @return true for the {@code stop} variants
     */
    public boolean isStop() {
        return stop != null;
    }

    /**
     * The reply status, such as {@code "ok"}.
     *
     * @return the status, or null when no reply is sent
     */
    public String status() {
        return stopReply != null ? stopReply.status : status;
    }

    /**
     * The reply's response.
     *
     * @return the response, or null when no reply is sent
     */
    public Object response() {
        return stopReply != null ? stopReply.response : response;
    }

    /**
     * Why the channel stops.
     *
     * @return the reason, or null when this is not a stop
     */
    public ExitReason stopReason() {
        return stop;
    }

    @Override
    public String toString() {
        if (stop != null) {
            return "Reply[stop " + stop + (stopReply != null ? ", " + stopReply.status : "") + "]";
        }
        return status == null ? "Reply[none]" : "Reply[" + status + "]";
    }
}
