package dev.channels;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Channel} callback can do with its channel: read its topic and assigns, push
 * to its client, broadcast, reply later, send itself messages, subscribe to other topics and
 * stop. The counterpart of the Phoenix socket struct plus the {@code Phoenix.Channel}
 * functions.
 *
 * <p>Use it only from the callback it was passed to (it belongs to the channel's mailbox).
 * To act on the channel from another thread, keep a {@link #self() ChannelRef} or a
 * {@link #socketRef() SocketRef}, both thread-safe.
 *
 * <p>Payloads given to {@link #push}, {@link #broadcast} and {@link #broadcastFrom} are
 * encoded to JSON with keys sorted, as Phoenix does: maps, records, beans, lists, strings,
 * numbers, booleans, a {@link Payload}, or a {@link Binary} for a binary frame. A push or
 * broadcast payload must encode to a JSON object (or be binary); anything else throws
 * {@link IllegalArgumentException}.
 */
public interface ChannelContext {

    /**
     * The topic of this channel, for example {@code "room:42"}.
     *
     * @return the topic
     */
    String topic();

    /**
     * The ref of the join that created this channel; every frame to the client carries it.
     *
     * @return the join ref
     */
    String joinRef();

    /**
     * The socket's id, from {@link Socket#id(SocketInfo)}.
     *
     * @return the id, or empty for an anonymous socket
     */
    Optional<String> socketId();

    /**
     * The channel's assigns: the socket's assigns, then the route's, then what this channel
     * added with {@link #assign}.
     *
     * @return an unmodifiable view
     */
    Map<String, Object> assigns();

    /**
     * Reads one assign.
     *
     * @param key the key
     * @param <T> the expected type
     * @return the value, or null when absent
     * @throws ClassCastException when the value has another type
     */
    @SuppressWarnings("unchecked")
    default <T> T assign(String key) {
        return (T) assigns().get(key);
    }

    /**
     * Adds or replaces one of this channel's assigns. Other channels of the socket are not
     * affected.
     *
     * @param key the key
     * @param value the value, not null
     * @return this context
     */
    ChannelContext assign(String key, Object value);

    /**
     * Sends an event to this channel's client only: {@code [join_ref, null, topic, event,
     * payload]}. Not allowed in {@link Channel#join}.
     *
     * @param event the event name
     * @param payload a JSON object value or a {@link Binary}
     * @throws IllegalStateException inside {@code join}, or after the channel ended
     */
    void push(String event, Object payload);

    /**
     * Broadcasts an event to every subscriber of this channel's topic, on every node, this
     * client included. Not allowed in {@link Channel#join}.
     *
     * @param event the event name
     * @param payload a JSON object value or a {@link Binary}
     */
    void broadcast(String event, Object payload);

    /**
     * Broadcasts an event to every subscriber of this channel's topic except this channel
     * (so its client does not receive it either). Not allowed in {@link Channel#join}.
     *
     * @param event the event name
     * @param payload a JSON object value or a {@link Binary}
     */
    void broadcastFrom(String event, Object payload);

    /**
     * A handle to reply later, from any thread, to the client message being handled.
     * Return {@link Reply#noReply()} from {@code handleIn} and call
     * {@link SocketRef#reply(Reply)} when the answer is ready.
     *
     * @return the handle
     * @throws IllegalStateException outside {@link Channel#handleIn}
     */
    SocketRef socketRef();

    /**
     * A thread-safe handle on this channel, for host code and timers.
     *
     * @return the handle
     */
    ChannelRef self();

    /**
     * Sends a message to this channel; {@link Channel#handleInfo} receives it after the
     * current callback returns. In {@code join}, it runs after the join reply is written.
     *
     * @param message any object
     */
    default void send(Object message) {
        self().send(message);
    }

    /**
     * Sends a message to this channel after a delay. The timer ends with the channel.
     *
     * @param message any object
     * @param delay how long to wait
     * @return a handle to cancel the timer
     */
    default Cancellable sendAfter(Object message, Duration delay) {
        return self().sendAfter(message, delay);
    }

    /**
     * Subscribes this channel to another topic: broadcasts there reach
     * {@link Channel#handleInfo} as {@link Broadcast} messages (they are not pushed unless the
     * channel pushes them). The subscription ends with the channel.
     *
     * @param topic the topic to hear
     */
    void subscribe(String topic);

    /**
     * Ends a subscription made with {@link #subscribe(String)}; does nothing when there is
     * none.
     *
     * @param topic the topic
     */
    void unsubscribe(String topic);

    /**
     * Stops the channel gracefully once the current callback returns; the client gets
     * {@code phx_close}.
     */
    default void stop() {
        stop(ExitReason.NORMAL);
    }

    /**
     * Stops the channel once the current callback returns: {@code phx_close} for a graceful
     * reason, {@code phx_error} otherwise.
     *
     * @param reason why
     */
    void stop(ExitReason reason);
}
