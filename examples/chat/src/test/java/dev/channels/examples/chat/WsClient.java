package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * A raw-frame V2 client on the Tyrus standalone client, after the one of channels-jakarta's
 * tests: text frames are written with single quotes ({@code ['1','1','room:1','phx_join',{}]})
 * and compared exactly; binary frames are built with {@link #binaryPush},
 * {@link #binaryReply} and {@link #binaryBroadcast}. Every wait is bounded by {@link #WAIT}
 * and returns as soon as its frame arrives.
 */
final class WsClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientManager TYRUS = sharedClient();

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private WsClient(URI uri) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        this.session = TYRUS.connectToServer(new Listener(), config, uri);
    }

    /** One Grizzly transport for every connection, instead of one (and its threads) each. */
    private static ClientManager sharedClient() {
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        return client;
    }

    static WsClient connect(int port, String pathAndQuery) throws Exception {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery));
    }

    static String frame(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    WsClient send(String singleQuoted) throws IOException {
        session.getBasicRemote().sendText(frame(singleQuoted));
        return this;
    }

    WsClient sendBinary(byte[] frame) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(frame));
        return this;
    }

    /** Asserts that the next frame is this text frame. */
    WsClient expect(String singleQuoted) throws InterruptedException {
        assertEquals(frame(singleQuoted), nextText());
        return this;
    }

    /** Asserts that the next frame is this binary frame. */
    WsClient expectBinary(byte[] expected) throws InterruptedException {
        Object next = next();
        assertTrue(next instanceof byte[], () -> "expected a binary frame, got " + next);
        assertArrayEquals(expected, (byte[]) next);
        return this;
    }

    /**
     * Skips frames until a text frame of this topic and event arrives (presence frames come
     * on their own schedule), and returns it parsed: {@code [joinRef, ref, topic, event,
     * payload]}.
     */
    JsonNode awaitEvent(String topic, String event) throws Exception {
        return await(message -> message.get(2).asText().equals(topic)
                && message.get(3).asText().equals(event), topic + " " + event);
    }

    /** Skips frames until the reply to this ref arrives, and returns it parsed. */
    JsonNode awaitReply(String ref) throws Exception {
        return await(message -> message.get(1).asText().equals(ref)
                && message.get(3).asText().equals("phx_reply"), "the reply to ref " + ref);
    }

    private JsonNode await(Predicate<JsonNode> match, String what) throws Exception {
        List<Object> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object next = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                fail("no frame with " + what + " arrived within " + WAIT + "; got " + skipped
                        + (closed.isDone() ? "; closed: " + closed.join() : ""));
            }
            if (next instanceof String text) {
                JsonNode message = JSON.readTree(text);
                if (match.test(message)) {
                    return message;
                }
            }
            skipped.add(next instanceof byte[] bytes ? "binary " + bytes.length : next);
        }
    }

    /** The next frames, text ({@code String}) or binary ({@code byte[]}), as they arrive. */
    List<Object> nextFrames(int count) throws InterruptedException {
        List<Object> next = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            next.add(next());
        }
        return next;
    }

    String nextText() throws InterruptedException {
        Object next = next();
        assertTrue(next instanceof String, () -> "expected a text frame, got " + next);
        return (String) next;
    }

    private Object next() throws InterruptedException {
        Object next = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(next, () -> "no frame arrived within " + WAIT
                + (closed.isDone() ? "; closed: " + closed.join() : ""));
        return next;
    }

    /** Waits for the server's close and returns it. */
    CloseReason awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    // ---------------------------------------------------------------- V2 binary frames

    /** A client push: {@code [0, join_ref_size, ref_size, topic_size, event_size, ...]}. */
    static byte[] binaryPush(String joinRef, String ref, String topic, String event,
            byte... payload) {
        return binary(0, List.of(joinRef, ref, topic, event), payload);
    }

    /** A server push: {@code [0, join_ref_size, topic_size, event_size, ...]}. */
    static byte[] binaryServerPush(String joinRef, String topic, String event, byte... payload) {
        return binary(0, List.of(joinRef, topic, event), payload);
    }

    /** A reply: {@code [1, join_ref_size, ref_size, topic_size, status_size, ...]}. */
    static byte[] binaryReply(String joinRef, String ref, String topic, String status,
            byte... payload) {
        return binary(1, List.of(joinRef, ref, topic, status), payload);
    }

    /** A broadcast: {@code [2, topic_size, event_size, topic, event, payload]}. */
    static byte[] binaryBroadcast(String topic, String event, byte... payload) {
        return binary(2, List.of(topic, event), payload);
    }

    private static byte[] binary(int kind, List<String> fields, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(kind);
        List<byte[]> encoded = fields.stream().map(f -> f.getBytes(StandardCharsets.UTF_8))
                .toList();
        encoded.forEach(field -> out.write(field.length));
        encoded.forEach(out::writeBytes);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Collects what the server sends. */
    private final class Listener extends Endpoint {

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, frames::add);
            session.addMessageHandler(ByteBuffer.class, buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                frames.add(bytes);
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }
}
