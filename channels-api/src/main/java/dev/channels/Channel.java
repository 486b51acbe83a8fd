package dev.channels;

import java.util.Set;

/**
 * The server side of one joined topic on one socket: the counterpart of a Phoenix channel
 * module. A fresh instance is created (by the route's factory) for every join, so fields may
 * hold per-channel state.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>{@link #join} authorizes the join. {@link Join#ok()} joins; {@link Join#error(Object)}
 *       refuses and the instance is dropped without {@link #terminate}.</li>
 *   <li>While joined: {@link #handleIn} for each client message, {@link #handleInfo} for
 *       messages sent to the channel, {@link #handleOut} for each intercepted broadcast.</li>
 *   <li>{@link #terminate} once, when the channel ends for any reason but a refused join.</li>
 * </ol>
 *
 * <h2>Threading</h2>
 * <p>The callbacks of one channel never run at the same time: they run one after another
 * from a serial mailbox, so the channel needs no locks for its own fields. Callbacks of
 * different channels, on the same socket or not, run in parallel. A callback may block; it
 * delays only its own channel (a slow {@link #join} also delays the later messages of its
 * socket, as in Phoenix).
 *
 * <h2>When a callback throws</h2>
 * <ul>
 *   <li>{@link PayloadException} from {@link #handleIn}: the client gets an error reply
 *       {@code {"reason":"invalid payload"}} and the channel goes on.</li>
 *   <li>{@link PayloadException} from {@link #join}: the join is refused with
 *       {@code {"reason":"invalid payload"}}.</li>
 *   <li>Any other exception from {@link #join}: the join is refused with
 *       {@code {"reason":"join crashed"}}; the cause is logged once.</li>
 *   <li>Any other exception after the join: the channel crashes. {@link #terminate} runs with
 *       {@link ExitReason#crash(Throwable)}, the client gets {@code phx_error}
 *       {@code {"reason":"channel_crash"}} and rejoins; the socket and its other channels
 *       live on.</li>
 * </ul>
 *
 * <p>Payloads are untrusted client input: read them with {@link Payload#as(Class)} or
 * {@link Payload#get(String)}, which fail with {@link PayloadException} rather than return
 * something unexpected.
 */
public interface Channel {

    /**
     * Authorizes a client's join. Runs in this channel's mailbox before anything else; the
     * socket handles its later messages only once this returns.
     *
     * <p>The channel is not joined yet: {@link ChannelContext#push} and
     * {@link ChannelContext#broadcast} throw {@link IllegalStateException} here, as in
     * Phoenix. To push right after joining, {@link ChannelContext#send(Object) send} a message
     * to the channel and push from {@link #handleInfo}; it runs after the join reply is
     * written.
     *
     * @param topic the topic the client joins, for example {@code "room:42"}
     * @param params the join parameters the client sent
     * @param channel this channel's context: assigns, messages to itself
     * @return {@link Join#ok()}, {@link Join#ok(Object)} or {@link Join#error(Object)}
     */
    Join join(String topic, Payload params, ChannelContext channel);

    /**
     * Handles one client message on this topic. The client waits for a reply (up to its push
     * timeout, 10 s by default in phoenix.js), so answer every event it may send, or reply
     * later through {@link ChannelContext#socketRef()}.
     *
     * <p>The default refuses every event with {@code {"reason":"unhandled event"}}.
     *
     * @param event the event name
     * @param payload the message's payload, JSON or binary
     * @param channel this channel's context
     * @return the reply: {@link Reply#ok()}, {@link Reply#error(Object)},
     *     {@link Reply#noReply()}, {@link Reply#stop()} and their variants
     */
    default Reply handleIn(String event, Payload payload, ChannelContext channel) {
        return Reply.error(java.util.Map.of("reason", "unhandled event"));
    }

    /**
     * Handles a message sent to this channel: by {@link ChannelContext#send(Object)}, a timer,
     * a {@link ChannelRef} held by host code, or a {@link Broadcast} on a topic the channel
     * subscribed to with {@link ChannelContext#subscribe(String)}.
     *
     * <p>The default logs the message as unexpected and keeps the channel running.
     *
     * @param message the message
     * @param channel this channel's context
     * @throws UnhandledMessageException from the default, to tell the runtime to log it
     */
    default void handleInfo(Object message, ChannelContext channel) {
        throw new UnhandledMessageException(message);
    }

    /**
     * The events this channel intercepts: broadcasts of these events on the channel's topic go
     * through {@link #handleOut} for each subscriber instead of straight to the client.
     * Read once, at join. The default intercepts nothing.
     *
     * @return the intercepted event names
     */
    default Set<String> intercepts() {
        return Set.of();
    }

    /**
     * Handles an intercepted broadcast before it reaches this channel's client. The default
     * pushes it unchanged. An implementation may push something else, push nothing, or stop.
     * The broadcast's sender is included unless it used {@code broadcastFrom}.
     *
     * @param event the broadcast event, one of {@link #intercepts()}
     * @param payload the broadcast payload
     * @param channel this channel's context
     */
    default void handleOut(String event, Payload payload, ChannelContext channel) {
        channel.push(event, payload);
    }

    /**
     * Runs once when a joined channel ends: after a leave, a stop, a crash in another
     * callback, the socket closing, a duplicate join or a drain. A push from here is still
     * written after a graceful stop, but the client has usually let the channel go.
     * Exceptions thrown here are logged and otherwise ignored.
     *
     * @param reason why the channel ends
     * @param channel this channel's context
     */
    default void terminate(ExitReason reason, ChannelContext channel) {
    }
}
