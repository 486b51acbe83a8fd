package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * A raw-frame WebSocket client on the Tyrus standalone client: frames are written as in
 * PROTOCOL.md with single quotes ({@code ['11','1','room:1','phx_join',{}]}) and compared
 * exactly, in order. Every wait is bounded.
 */
public final class WsClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(150);
    private static final ClientManager TYRUS = sharedClient();

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private WsClient(URI uri, List<String> subprotocols, Map<String, String> headers)
            throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        headers.forEach((name, value) -> request.put(name, List.of(value)));
                    }
                })
                .build();
        this.session = TYRUS.connectToServer(new Listener(), config, uri);
    }

    /** One Grizzly transport for every connection, instead of one (and its threads) each. */
    private static ClientManager sharedClient() {
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        return client;
    }

    public static WsClient connect(int port, String pathAndQuery) throws Exception {
        return connect(port, pathAndQuery, List.of(), Map.of());
    }

    public static WsClient connect(int port, String pathAndQuery, List<String> subprotocols,
            Map<String, String> headers) throws Exception {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), subprotocols,
                headers);
    }

    static String frame(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    Session session() {
        return session;
    }

    /** Sends a text frame; see {@link #sent}. */
    public WsClient send(String singleQuoted) throws IOException {
        return sent(() -> session.getBasicRemote().sendText(frame(singleQuoted)));
    }

    /** Sends a binary frame; see {@link #sent}. */
    public WsClient sendBinary(byte... bytes) throws IOException {
        return sent(() -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes)));
    }

    /**
     * Runs a blocking send. A server may close the socket in answer to the frame before
     * Tyrus's send returns; Tyrus re-arms its idle timer after the frame is written, on the
     * closed session's executor, and that step fails. The frame went out, so the send returns
     * normally and the test goes on to assert the close it expects.
     */
    private WsClient sent(Send send) throws IOException {
        try {
            send.run();
        } catch (RejectedExecutionException afterTheFrameWasWritten) {
            // the session closed meanwhile; see above
        }
        return this;
    }

    private interface Send {
        void run() throws IOException;
    }

    /** Asserts that the next frame is this text frame. */
    public WsClient expect(String singleQuoted) throws InterruptedException {
        assertEquals(frame(singleQuoted), nextText());
        return this;
    }

    /** Asserts that the next frames are these text frames, in any order. */
    WsClient expectUnordered(String... singleQuoted) throws InterruptedException {
        List<String> expected = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (String each : singleQuoted) {
            expected.add(frame(each));
            got.add(nextText());
        }
        assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
        return this;
    }

    /** Asserts that the next frame is this binary frame. */
    public WsClient expectBinary(int... expected) throws InterruptedException {
        Object next = next();
        assertTrue(next instanceof byte[], () -> "expected a binary frame, got " + next);
        byte[] bytes = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bytes[i] = (byte) expected[i];
        }
        assertArrayEquals(bytes, (byte[]) next);
        return this;
    }

    public String nextText() throws InterruptedException {
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

    /** Asserts that no frame arrives for a short while. */
    void expectNothingMore() throws InterruptedException {
        Object next = frames.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(next, () -> "unexpected frame " + next);
    }

    /** Waits for the server's close and returns it. */
    public CloseReason awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    /** Collects what the server sends. */
    private final class Listener extends Endpoint {

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(16 * 1024 * 1024);
            session.setMaxBinaryMessageBufferSize(16 * 1024 * 1024);
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
