package dev.channels.benchmarks.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A STOMP client of raw frames on the JDK's WebSocket: what the load tool speaks. Frames the
 * server sends are queued in order; {@link #next()} waits for one, boundedly.
 */
final class StompTestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final WebSocket socket;
    private final Recorder recorder;

    private StompTestClient(WebSocket socket, Recorder recorder) {
        this.socket = socket;
        this.recorder = recorder;
    }

    /** Opens the WebSocket; the handshake's failure comes out of the returned future. */
    static CompletableFuture<StompTestClient> open(HttpClient http, int port, String query) {
        Recorder recorder = new Recorder();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/stomp" + query);
        return http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, recorder)
                .thenApply(socket -> new StompTestClient(socket, recorder));
    }

    /** CONNECT without heartbeats, and the CONNECTED frame that answers it. */
    StompFrame connect() {
        send("CONNECT", Map.of("accept-version", "1.2", "host", "localhost",
                "heart-beat", "0,0"), "");
        return expect("CONNECTED");
    }

    /** SUBSCRIBE with a receipt, and the RECEIPT frame that answers it. */
    StompFrame subscribe(String id, String destination) {
        String receipt = "sub-" + id;
        send("SUBSCRIBE", Map.of("id", id, "destination", destination, "receipt", receipt), "");
        StompFrame answer = expect("RECEIPT");
        assertEquals(receipt, answer.header("receipt-id"));
        return answer;
    }

    /** Sends one frame; header values go as they are (Spring reads a raw ':' in a value). */
    void send(String command, Map<String, String> headers, String body) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value)
                .append('\n'));
        frame.append('\n').append(body).append('\0');
        socket.sendText(frame, true).join();
    }

    /** The next frame from the server, within {@link #WAIT}. */
    StompFrame next() {
        try {
            StompFrame frame = recorder.frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no frame from the server within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, which must be a {@code command}. */
    StompFrame expect(String command) {
        StompFrame frame = next();
        assertEquals(command, frame.command(), () -> "frame " + frame);
        return frame;
    }

    /** Closes the WebSocket and waits for the server's close frame. */
    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        recorder.closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Assembles text messages into frames; STOMP heartbeats (lone EOLs) are dropped. */
    private static final class Recorder implements WebSocket.Listener {

        final BlockingQueue<StompFrame> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (!message.isBlank()) {
                    frames.add(StompFrame.parse(message));
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
