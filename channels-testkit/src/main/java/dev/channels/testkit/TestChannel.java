package dev.channels.testkit;

import dev.channels.ChannelRef;
import dev.channels.Payload;
import dev.channels.testkit.internal.Event;
import dev.channels.testkit.internal.EventLog;
import java.time.Duration;
import java.util.Map;

/**
 * A channel the test joined, seen from its client: push to it, leave it, send it messages,
 * and assert on what it sent back. The counterpart of the socket that Phoenix's
 * {@code join} returns in a channel test. Made by {@link JoinResult#channel()}.
 *
 * <p>Its assertions ({@link EventAssertions}) see this channel's pushes and replies, its
 * {@code phx_close} and {@code phx_error}, and the broadcasts the kit heard on its topic.
 *
 * <p>Thread-safe, though tests normally use it from the test thread.
 */
public final class TestChannel extends EventAssertions {

    private final TestSocket socket;
    private final KitRun run;
    private final String topic;
    private final String joinRef;
    private final ChannelRef server;

    TestChannel(TestSocket socket, KitRun run, String topic, String joinRef, ChannelRef server) {
        this.socket = socket;
        this.run = run;
        this.topic = topic;
        this.joinRef = joinRef;
        this.server = server;
    }

    /**
     * The topic, such as {@code "room:42"}.
     *
     * @return the topic
     */
    public String topic() {
        return topic;
    }

    /**
     * The join ref: every frame the server sends for this channel carries it.
     *
     * @return the join ref
     */
    public String joinRef() {
        return joinRef;
    }

    /**
     * The test socket this channel was joined on.
     *
     * @return the socket
     */
    public TestSocket socket() {
        return socket;
    }

    // ---------------------------------------------------------------- client messages

    /**
     * Pushes an event with an empty payload; see {@link #push(String, Object)}.
     *
     * @param event the event name
     * @return the message's ref, for {@link #assertReply}
     */
    public String push(String event) {
        return push(event, Map.of());
    }

    /**
     * Pushes an event to the channel, as {@code channel.push(event, payload)} in phoenix.js:
     * the channel's {@code handleIn} receives it. Returns at once; the reply, if any, arrives
     * later: assert it with {@link #assertReply}. A push on a channel that has ended gets the
     * server's {@code {"reason":"unmatched topic"}} error reply; a push on a closed socket
     * goes nowhere.
     *
     * @param event the event name
     * @param payload a map, record or list (sent as JSON, keys as strings), or a
     *     {@link dev.channels.Binary} (sent as a binary frame)
     * @return the message's ref, for {@link #assertReply}
     */
    public String push(String event, Object payload) {
        String ref = run.nextRef();
        socket.send(joinRef, ref, topic, event, payload);
        return ref;
    }

    /**
     * Leaves the channel ({@code phx_leave}). The channel replies {@code ok}
     * ({@code assertReply(ref, "ok")}), terminates with {@code ExitReason.LEFT} and sends
     * {@code phx_close} ({@link #assertClosed()}). Leaving again is harmless: the server
     * replies {@code ok} again.
     *
     * @return the message's ref
     */
    public String leave() {
        String ref = run.nextRef();
        socket.send(joinRef, ref, topic, "phx_leave", Map.of());
        return ref;
    }

    /**
     * Closes the client's connection, as a browser tab that goes away: this channel, and
     * every other channel of its socket, terminates with {@code ExitReason.CLOSED}. Returns
     * once their {@code terminate} has run. The same as {@code socket().close()}; closing
     * again is harmless.
     */
    public void close() {
        socket.close();
    }

    /**
     * Broadcasts on this channel's topic from the test, skipping the kit's own subscription
     * (so {@code assertBroadcast} does not see it), as Phoenix's {@code broadcast_from}. Every
     * joined client gets it: through the fastlane (assert it with {@link #assertPush}), or
     * through {@code handleOut} when the channel intercepts the event.
     *
     * @param event the event name
     * @param payload a value that encodes to a JSON object, or a {@link dev.channels.Binary}
     */
    public void broadcastFrom(String event, Object payload) {
        run.endpoint.broadcastFrom(run.subscribe(topic), topic, event, payload);
    }

    /**
     * Sends a message to the channel's {@code handleInfo}, as Phoenix's
     * {@code send(socket.channel_pid, message)}. Dropped silently once the channel ended.
     *
     * @param message any object
     */
    public void send(Object message) {
        if (server != null) {
            server.send(message);
        }
    }

    // ---------------------------------------------------------------- how it ended

    /**
     * Asserts that the channel ended gracefully: {@code phx_close} arrived, after a leave or
     * a stop. Phoenix's tests see this as {@code socket_close}.
     */
    public void assertClosed() {
        takeEvent(e -> e.kind() == Event.Kind.CLOSE, waitToAssert(), () -> "phx_close");
    }

    /**
     * Asserts that the channel crashed: {@code phx_error} {@code {"reason":"channel_crash"}}
     * arrived, after a callback threw or stopped with an error reason.
     *
     * @return the error's payload
     */
    public Payload assertCrashed() {
        return takeEvent(e -> e.kind() == Event.Kind.ERROR, waitToAssert(), () -> "phx_error")
                .payload();
    }

    boolean awaitEnded(Duration timeout) {
        return server == null || socket.connection().awaitEnded(server, timeout);
    }

    // ---------------------------------------------------------------- scope

    @Override
    EventLog log() {
        return run.log;
    }

    @Override
    boolean inScope(Event event) {
        if (event.kind() == Event.Kind.BROADCAST) {
            return topic.equals(event.topic());
        }
        return event.socket() == socket.number() && topic.equals(event.topic())
                && (event.joinRef() == null || joinRef.equals(event.joinRef()));
    }

    @Override
    String where() {
        return " on " + topic;
    }

    @Override
    Duration waitToAssert() {
        return run.kit.waitToAssert();
    }

    @Override
    Duration waitToRefute() {
        return run.kit.waitToRefute();
    }

    @Override
    public String toString() {
        return "TestChannel[" + topic + " " + joinRef + "]";
    }
}
