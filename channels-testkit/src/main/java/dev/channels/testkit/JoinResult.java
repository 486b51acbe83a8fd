package dev.channels.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Payload;

/**
 * The outcome of {@link TestSocket#join}: the channel's join reply and, when it joined, the
 * joined {@link TestChannel}. A refused or crashed join is a value to assert on, as Phoenix's
 * {@code {:error, reply}}.
 *
 * <pre>{@code
 * JoinResult joined = socket.join("room:lobby");
 * assertTrue(joined.isError());
 * assertEquals(Map.of("reason", "unauthorized"), joined.reply().value());
 *
 * TestChannel room = socket.subscribeAndJoin("room:42").channel();   // fails unless joined
 * }</pre>
 *
 * <p>Immutable.
 */
public final class JoinResult {

    private final String topic;
    private final String status;
    private final Payload reply;
    private final TestChannel channel;

    JoinResult(String topic, String status, Payload reply, TestChannel channel) {
        this.topic = topic;
        this.status = status;
        this.reply = reply;
        this.channel = channel;
    }

    /**
     * Whether the channel joined ({@code Join.ok()}).
     *
     * @return true when joined
     */
    public boolean isOk() {
        return channel != null;
    }

    /**
     * Whether the join was refused: {@code Join.error(...)}, an invalid payload
     * ({@code {"reason":"invalid payload"}}), a crash in {@code join}
     * ({@code {"reason":"join crashed"}}) or too many channels on the socket.
     *
     * @return true when refused
     */
    public boolean isError() {
        return channel == null;
    }

    /**
     * The join reply's response: {@code {}} for {@code Join.ok()}, the response of
     * {@code Join.ok(response)} or {@code Join.error(response)}.
     *
     * @return the response, as the client received it
     */
    public Payload reply() {
        return reply;
    }

    /**
     * The joined channel, failing the test when the join was refused, as Phoenix's
     * {@code subscribe_and_join!}.
     *
     * @return the channel
     * @throws org.opentest4j.AssertionFailedError when the join was refused
     */
    public TestChannel channel() {
        if (channel == null) {
            fail("could not join " + topic + ", got " + status + ": " + reply.toJson());
        }
        return channel;
    }

    @Override
    public String toString() {
        return "JoinResult[" + topic + " " + status + " " + reply.toJson() + "]";
    }
}
