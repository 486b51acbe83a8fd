package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A V2 JSON client of one chat node over a real WebSocket (the JDK's client), as a browser
 * would connect: a token from {@code GET /token}, then {@code /socket/websocket}. Every frame
 * the server sends is recorded in order; waits are bounded and return as soon as the frames
 * they wait for are there.
 */
final class PhxClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String userId;
    final String node;
    private final List<Frame> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private int refs;

    /** A frame from the server. */
    record Frame(String joinRef, String ref, String topic, String event, JsonNode payload) {

        boolean is(String topic, String event) {
            return this.topic.equals(topic) && this.event.equals(event);
        }
    }

    private PhxClient(NodeProcess node, String userId) {
        this.userId = userId;
        this.node = node.name;
        String token = get(node, "/token?user_id=" + encode(userId)).get("token").asText();
        URI uri = URI.create("ws://127.0.0.1:" + node.port() + "/socket/websocket?vsn=2.0.0"
                + "&token=" + encode(token));
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(uri, new Listener()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    static PhxClient connect(NodeProcess node, String userId) {
        return new PhxClient(node, userId);
    }

    /** A GET on a node's HTTP contract, answered with JSON and status 200. */
    static JsonNode get(NodeProcess node, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.port() + pathAndQuery)).timeout(WAIT).build();
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), () -> pathAndQuery + ": " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Joins a topic and waits for the ok reply. */
    PhxClient join(String topic) {
        String ref = send(null, topic, "phx_join", Map.of(), true);
        Frame reply = awaitReply(ref);
        assertEquals("ok", reply.payload().path("status").asText(), () -> "join " + topic
                + " on " + node + ": " + reply);
        return this;
    }

    /** Pushes an event on a joined topic and returns its ref, without waiting. */
    String push(String topic, String event, Object payload) {
        return send(joinRef(topic), topic, event, payload, false);
    }

    /** Pushes an event and waits for its ok reply. */
    void pushAndAwaitOk(String topic, String event, Object payload) {
        Frame reply = awaitReply(push(topic, event, payload));
        assertEquals("ok", reply.payload().path("status").asText(), reply::toString);
    }

    /** Sends a heartbeat and waits for its reply: proves the socket is open and served. */
    void heartbeat() {
        String ref = send(null, "phoenix", "heartbeat", Map.of(), false);
        awaitReply(ref);
    }

    private synchronized String joinRef(String topic) {
        for (Frame frame : frames) {
            if (frame.topic().equals(topic) && frame.event().equals("phx_reply")
                    && frame.ref() != null && frame.ref().equals(frame.joinRef())) {
                return frame.joinRef();
            }
        }
        throw new IllegalStateException(userId + " has not joined " + topic);
    }

    private String send(String joinRef, String topic, String event, Object payload,
            boolean joining) {
        String ref;
        synchronized (this) {
            ref = String.valueOf(++refs);
        }
        ArrayNode frame = JSON.createArrayNode();
        frame.add(joining ? ref : joinRef).add(ref).add(topic).add(event)
                .add(JSON.valueToTree(payload));
        socket.sendText(frame.toString(), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return ref;
    }

    private Frame awaitReply(String ref) {
        return awaitFirst(frame -> frame.event().equals("phx_reply") && ref.equals(frame.ref()),
                "the reply to ref " + ref);
    }

    /** Waits for the first recorded frame that matches and returns it. */
    Frame awaitFirst(Predicate<Frame> match, String what) {
        return awaitCount(match, 1, what).get(0);
    }

    /** Waits until at least {@code count} recorded frames match, and returns them all. */
    synchronized List<Frame> awaitCount(Predicate<Frame> match, int count, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Frame> found = matching(match);
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail(userId + " on " + node + " did not receive " + what + " within " + WAIT
                        + " (" + found.size() + " of " + count + ")" + closedNote());
            }
            waitNanos(left);
        }
    }

    /** Waits until a condition on this client's frames holds; fails after the limit. */
    synchronized void awaitFrames(Predicate<List<Frame>> condition, Duration limit,
            java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(frames)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail(userId + " on " + node + ": not within " + limit + ": " + failure.get()
                        + closedNote());
            }
            waitNanos(left);
        }
    }

    /**
     * Asserts that during {@code quiet} no more frames than {@code count} match: returns
     * early with a failure as soon as one more arrives.
     */
    synchronized void assertNoMoreThan(Predicate<Frame> match, int count, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (true) {
            List<Frame> found = matching(match);
            if (found.size() > count) {
                fail(userId + " on " + node + " received " + found.size() + " frames, expected "
                        + count + ": " + found);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            waitNanos(left);
        }
    }

    synchronized List<Frame> matching(Predicate<Frame> match) {
        return frames.stream().filter(match).toList();
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the server to close the socket and returns the close code. */
    int awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail(userId + " on " + node + " was not closed within " + WAIT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private String closedNote() {
        return closed.isDone() ? "; the socket was closed with " + closed.join() : "";
    }

    private synchronized void record(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            frames.add(new Frame(text(frame.get(0)), text(frame.get(1)), frame.get(2).asText(),
                    frame.get(3).asText(), frame.get(4)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notifyAll();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            socket.abort();
        }
    }

    /** Collects text frames (whole messages) and the close. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                record(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            synchronized (PhxClient.this) {
                PhxClient.this.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            synchronized (PhxClient.this) {
                PhxClient.this.notifyAll();
            }
        }
    }
}
