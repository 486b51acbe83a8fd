package dev.channels.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Binary;
import dev.channels.ChannelRef;
import dev.channels.Payload;
import dev.channels.core.internal.testing.TestSupport;
import dev.channels.testkit.internal.ClientConnection;
import dev.channels.testkit.internal.Event;
import dev.channels.testkit.internal.Frames;
import dev.channels.testkit.internal.ServerFrames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A connected test client: the counterpart of the socket that Phoenix's {@code connect} and
 * {@code socket} return in a channel test. Made by {@link ChannelsTestKit#connect} (through
 * the socket's real {@code connect}) or {@link ChannelsTestKit#socket} (with given assigns).
 *
 * <p>It speaks the V2 wire protocol to the endpoint over the kit's transport, like phoenix.js
 * would; everything the server sends it lands in the kit's events, for the assertions of
 * {@link ChannelsTestKit} and {@link TestChannel}.
 *
 * <p>Thread-safe, though tests normally use it from the test thread. The kit closes it after
 * the test; closing it earlier is allowed and closing twice is harmless.
 */
public final class TestSocket implements AutoCloseable {

    /** How long a join waits for its reply. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final KitRun run;
    private final int number;
    private final List<TestChannel> channels = new CopyOnWriteArrayList<>();
    private final Object closeLock = new Object();
    /** Guarded by closeLock: how the connection closed, or null while open. */
    private Integer closeCode;
    private volatile ClientConnection connection;

    TestSocket(KitRun run) {
        this.run = run;
        this.number = run.nextSocketNumber();
    }

    /** Where the connection hands what the server wrote. */
    ServerFrames frames() {
        return new ServerFrames() {
            @Override
            public void text(String frame) {
                run.log.add(Frames.text(number, frame));
            }

            @Override
            public void binary(byte[] frame) {
                run.log.add(Frames.binary(number, frame));
            }

            @Override
            public void closed(int code, String reason, boolean byServer) {
                synchronized (closeLock) {
                    closeCode = code;
                    closeLock.notifyAll();
                }
            }
        };
    }

    TestSocket attach(ClientConnection opened) {
        this.connection = opened;
        run.opened(this);
        return this;
    }

    int number() {
        return number;
    }

    ClientConnection connection() {
        return connection;
    }

    /**
     * The socket's id, from the socket's {@code id} (or as given to
     * {@link ChannelsTestKit#socket(dev.channels.Socket, String, Map)}).
     *
     * @return the id, or empty for an anonymous socket
     */
    public Optional<String> id() {
        return Optional.ofNullable(connection.socketId());
    }

    /**
     * The socket's assigns: what its {@code connect} accepted it with, or what the test gave.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> assigns() {
        return connection.assigns();
    }

    // ---------------------------------------------------------------- joining

    /**
     * Joins a topic with an empty payload, through the socket's routes; see
     * {@link #join(String, Object)}.
     *
     * @param topic the topic, such as {@code "room:42"}
     * @return the join's outcome
     */
    public JoinResult join(String topic) {
        return join(topic, Map.of());
    }

    /**
     * Joins a topic: sends {@code phx_join} as phoenix.js does ({@code join_ref} equal to the
     * ref) and waits up to 5 seconds for the channel's answer. The channel's {@code join}
     * runs on the runtime, exactly as for a real client. The join reply is consumed: it does
     * not show up in the kit's events.
     *
     * <p>A refused join is a value, not a failure: {@link JoinResult#isError()} with the
     * channel's reply, such as {@code {"reason":"unauthorized"}}, or
     * {@code {"reason":"join crashed"}} when {@code join} threw. A topic that no route of the
     * socket matches fails the test, as in Phoenix.
     *
     * @param topic the topic, such as {@code "room:42"}
     * @param payload the join parameters: a map or record, compared and sent as JSON
     * @return the join's outcome
     */
    public JoinResult join(String topic, Object payload) {
        String ref = run.nextRef();
        send(ref, ref, topic, "phx_join", payload);
        Event reply = run.log.take(e -> e.kind() == Event.Kind.REPLY && e.socket() == number
                && ref.equals(e.ref()), JOIN_TIMEOUT);
        if (reply == null) {
            fail("no reply to the join of " + topic + " within " + JOIN_TIMEOUT.toSeconds()
                    + " s" + (isClosed() ? "; the socket is closed" : ""));
        }
        if (reply.joinRef() == null && isUnmatched(reply.payload())) {
            fail("no route of the socket matches topic \"" + topic + "\"; declare one in the"
                    + " socket's routes (routes.channel(\"" + topic.split(":")[0] + ":*\", …))");
        }
        if (!"ok".equals(reply.status())) {
            return new JoinResult(topic, reply.status(), reply.payload(), null);
        }
        ChannelRef server = connection.channel(topic);
        TestChannel channel = new TestChannel(this, run, topic, ref, server);
        channels.add(channel);
        return new JoinResult(topic, reply.status(), reply.payload(), channel);
    }

    private static boolean isUnmatched(Payload reply) {
        return reply.isObject() && reply.find("reason")
                .filter(reason -> "unmatched topic".equals(reason.value())).isPresent();
    }

    /**
     * Subscribes the test to a topic, then joins it with an empty payload; see
     * {@link #subscribeAndJoin(String, Object)}.
     *
     * @param topic the topic
     * @return the join's outcome
     */
    public JoinResult subscribeAndJoin(String topic) {
        return subscribeAndJoin(topic, Map.of());
    }

    /**
     * Subscribes the test to a topic, so that {@link EventAssertions#assertBroadcast} sees
     * its broadcasts, then {@link #join(String, Object) joins} it. The subscription stays
     * when the join is refused, as in Phoenix, and ends with the kit.
     *
     * @param topic the topic
     * @param payload the join parameters
     * @return the join's outcome
     */
    public JoinResult subscribeAndJoin(String topic, Object payload) {
        run.subscribe(topic);
        return join(topic, payload);
    }

    /** Sends one client message: a JSON frame, or a binary push for a {@link Binary}. */
    void send(String joinRef, String ref, String topic, String event, Object payload) {
        if (payload instanceof Binary) {
            connection.sendBinary(Frames.binaryMessage(joinRef, ref, topic, event,
                    ((Binary) payload).bytes()));
        } else {
            connection.send(Frames.message(joinRef, ref, topic, event,
                    TestSupport.payload(payload)));
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the connection from the client side, as a browser tab that goes away. Every
     * channel of the socket terminates with {@code ExitReason.CLOSED} and sends nothing;
     * this returns once their {@code terminate} has run (up to 5 seconds each). Closing a
     * closed socket does nothing.
     *
     * @throws org.opentest4j.AssertionFailedError when a channel's {@code terminate} did not
     *     return within 5 seconds
     */
    @Override
    public void close() {
        connection.close();
        awaitChannelsEnded();
    }

    private void awaitChannelsEnded() {
        for (TestChannel channel : channels) {
            if (!channel.awaitEnded(KitRun.SETTLE)) {
                fail("the terminate of " + channel.topic() + " did not return within "
                        + KitRun.SETTLE.toSeconds() + " s of its socket closing");
            }
        }
    }

    /**
     * Whether the connection is closed, by either side.
     *
     * @return true when closed
     */
    public boolean isClosed() {
        synchronized (closeLock) {
            return closeCode != null;
        }
    }

    /**
     * Asserts that the server closes the connection with this close code within the assert
     * timeout, and waits for the socket's channels to terminate. For example
     * {@code endpoint.disconnect(id)} closes every socket of that id with
     * {@link dev.channels.CloseCodes#GOING_AWAY 1001}.
     *
     * @param code the expected WebSocket close code
     */
    public void assertClosed(int code) {
        Integer got = awaitClose(run.kit.waitToAssert());
        if (got == null) {
            fail("expected the server to close socket " + number + " with " + code + " within "
                    + run.kit.waitToAssert().toMillis() + " ms, but it is still open");
        }
        if (got != code) {
            fail("expected socket " + number + " to be closed with " + code + ", but it was"
                    + " closed with " + got);
        }
        awaitChannelsEnded();
    }

    private Integer awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (closeLock) {
            while (closeCode == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(closeLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return closeCode;
        }
    }

    @Override
    public String toString() {
        return "TestSocket[" + number + (isClosed() ? " closed" : "") + "]";
    }
}
