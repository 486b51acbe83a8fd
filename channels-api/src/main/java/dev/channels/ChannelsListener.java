package dev.channels;

import java.time.Duration;
import java.util.Map;

/**
 * Typed events from the runtime, for metrics and tracing: the counterpart of Phoenix's
 * telemetry events. Every method has a no-op default; implement the ones you need.
 *
 * <p>Methods are called on runtime threads, often on the hot path, and possibly from many
 * threads at once: keep them fast, thread-safe and non-blocking. Exceptions they throw are
 * logged and ignored. Parameters are already filtered ({@code password}, {@code token} and
 * the other configured keys shown as {@code [FILTERED]}).
 */
public interface ChannelsListener {

    /** A listener that ignores every event. */
    ChannelsListener NONE = new ChannelsListener() {
    };

    /**
     * A connection attempt was evaluated by {@link Socket#connect(ConnectRequest)}.
     *
     * @param event the connect event
     */
    default void connected(Connected event) {
    }

    /**
     * A join was evaluated by {@link Channel#join}.
     *
     * @param event the join event
     */
    default void joined(Joined event) {
    }

    /**
     * A client message was handled by {@link Channel#handleIn}.
     *
     * @param event the handle-in event
     */
    default void handledIn(HandledIn event) {
    }

    /**
     * A joined channel ended.
     *
     * @param event the leave event
     */
    default void left(Left event) {
    }

    /**
     * A socket closed, for any reason.
     *
     * @param event the close event
     */
    default void closed(Closed event) {
    }

    /**
     * The runtime closed a socket because of the client: a bad frame, a full outbound queue,
     * too many pending messages. Also reported as {@link #closed}.
     *
     * @param event the drop event
     */
    default void dropped(Dropped event) {
    }

    /**
     * A connect attempt.
     *
     * @param path the socket's mount path
     * @param transport the transport name
     * @param serializer the negotiated serializer version, such as {@code "2.0.0"}
     * @param params the connect parameters, filtered
     * @param accepted whether connect accepted it
     * @param duration how long connect took
     */
    record Connected(String path, String transport, String serializer,
            Map<String, String> params, boolean accepted, Duration duration) {
    }

    /**
     * A join.
     *
     * @param topic the topic
     * @param params the join parameters as JSON text, filtered
     * @param ok whether the join succeeded
     * @param duration how long {@code join} took
     */
    record Joined(String topic, String params, boolean ok, Duration duration) {
    }

    /**
     * A handled client message.
     *
     * @param topic the topic
     * @param event the event
     * @param duration how long {@code handleIn} took
     */
    record HandledIn(String topic, String event, Duration duration) {
    }

    /**
     * An ended channel.
     *
     * @param topic the topic
     * @param reason why it ended
     */
    record Left(String topic, ExitReason reason) {
    }

    /**
     * A closed socket.
     *
     * @param socketId the socket id, or null for an anonymous socket
     * @param code the close code
     * @param reason the close reason
     */
    record Closed(String socketId, int code, String reason) {
    }

    /**
     * A socket closed because of its client.
     *
     * @param socketId the socket id, or null for an anonymous socket
     * @param code the close code, one of {@link CloseCodes}
     * @param reason the close reason
     */
    record Dropped(String socketId, int code, String reason) {
    }
}
