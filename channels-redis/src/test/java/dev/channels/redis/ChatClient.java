package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.core.Endpoint;
import dev.channels.core.memory.InMemoryClient;
import dev.channels.core.memory.InMemoryTransport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A raw-frame V2 client of {@link ChatSocket} on one node. Frames are written with single
 * quotes for readability and compared exactly.
 */
final class ChatClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(150);

    final InMemoryClient client;
    private final Map<String, String> joinRefs = new HashMap<>();
    private int ref;

    private ChatClient(InMemoryClient client) {
        this.client = client;
    }

    static ChatClient connect(Endpoint node) {
        return connect(node, null);
    }

    static ChatClient connect(Endpoint node, String userId) {
        Map<String, String> params = new HashMap<>();
        params.put("vsn", "2.0.0");
        if (userId != null) {
            params.put("user_id", userId);
        }
        return new ChatClient(InMemoryTransport.of(node).connect("/socket", params));
    }

    static String frame(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** Joins a room and checks the reply. */
    ChatClient join(String topic) {
        String joinRef = String.valueOf(++ref);
        send("['" + joinRef + "','" + joinRef + "','" + topic + "','phx_join',{}]");
        expect("['" + joinRef + "','" + joinRef + "','" + topic
                + "','phx_reply',{'response':{},'status':'ok'}]");
        joinRefs.put(topic, joinRef);
        return this;
    }

    /** Leaves a room and checks the reply. */
    ChatClient leave(String topic) {
        String joinRef = joinRefs.remove(topic);
        String leaveRef = String.valueOf(++ref);
        send("['" + joinRef + "','" + leaveRef + "','" + topic + "','phx_leave',{}]");
        expect("['" + joinRef + "','" + leaveRef + "','" + topic
                + "','phx_reply',{'response':{},'status':'ok'}]");
        expect("['" + joinRef + "','" + joinRef + "','" + topic + "','phx_close',{}]");
        return this;
    }

    /** Pushes an event to a joined room; the payload is single-quoted JSON. */
    ChatClient push(String topic, String event, String payload) {
        send("['" + joinRefs.get(topic) + "','" + ++ref + "','" + topic + "','" + event + "',"
                + payload + "]");
        return this;
    }

    ChatClient send(String singleQuoted) {
        client.sendText(frame(singleQuoted));
        return this;
    }

    /** Asserts that the next frame is exactly this one. */
    ChatClient expect(String singleQuoted) {
        InMemoryClient.Frame next = client.poll(WAIT);
        assertNotNull(next, () -> "expected " + frame(singleQuoted) + " but no frame arrived"
                + (client.isClosed() ? "; closed: " + client.closeStatus() : ""));
        assertEquals(frame(singleQuoted), next.text());
        return this;
    }

    /** The next frame's text, or null when none arrives within the timeout. */
    String poll(Duration timeout) {
        InMemoryClient.Frame next = client.poll(timeout);
        return next == null ? null : next.isBinary() ? "binary" : next.text();
    }

    /** Asserts that nothing more arrives for a short while. */
    void expectNothingMore() {
        InMemoryClient.Frame next = client.poll(QUIET);
        if (next != null) {
            fail("expected no more frames, got " + next);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
