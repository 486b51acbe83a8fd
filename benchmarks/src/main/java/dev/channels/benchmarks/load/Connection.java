package dev.channels.benchmarks.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One load-test socket joined to one topic: a {@link WebSocket.Listener} that assembles text
 * frames, answers its own join reply and hands every other frame to the shared
 * {@link Handler}. Per-socket state is a handful of fields; the partial-frame buffer exists
 * only while a frame arrives in pieces.
 *
 * <p>Threading: the JDK delivers listener callbacks for one socket one at a time, so
 * {@code partial} needs no lock. Sends are chained under this object's lock, because the JDK
 * WebSocket refuses a send while the previous one is still in progress.
 */
public final class Connection implements WebSocket.Listener {

    /** Receives every frame other than this socket's own join reply. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Called on an HTTP client thread; must not block. The receive time is taken before
         * decoding, in epoch milliseconds and in {@link System#nanoTime()}.
         */
        void onFrame(Connection connection, Frame frame, long receivedMillis, long receivedNanos);
    }

    private static final String JOIN_REF = "1";

    private final int id;
    private final String topic;
    private final Handler handler;
    private final CompletableFuture<Connection> joined = new CompletableFuture<>();

    /** Set once in {@link #onOpen}, before any frame is sent or received. */
    private volatile WebSocket socket;
    /** Owned by the listener callbacks, which never run at the same time for one socket. */
    private StringBuilder partial;
    /** Guarded by {@code this}. */
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    /** Guarded by {@code this}. */
    private int nextRef = 2;

    Connection(int id, String topic, Handler handler) {
        this.id = id;
        this.topic = topic;
        this.handler = handler;
    }

    /** The index of this socket in its run, 0 to N-1. */
    public int id() {
        return id;
    }

    /** Completes when the server replies ok to the join; fails on an error reply or close. */
    public CompletableFuture<Connection> joined() {
        return joined;
    }

    /** Pushes an event on the joined topic; the payload is JSON text. */
    public CompletableFuture<WebSocket> push(String event, String payloadJson) {
        synchronized (this) {
            return send(Frame.encode(JOIN_REF, String.valueOf(nextRef++), topic, event,
                    payloadJson));
        }
    }

    /** Sends a heartbeat; its reply goes to the handler like any other frame. */
    public CompletableFuture<WebSocket> heartbeat() {
        synchronized (this) {
            return send(Frame.encode(null, String.valueOf(nextRef++), "phoenix", "heartbeat",
                    "{}"));
        }
    }

    /** Closes the socket normally; returns at once. */
    public void close() {
        WebSocket current = socket;
        if (current != null) {
            synchronized (this) {
                sending = sending.exceptionally(e -> null)
                        .thenCompose(ignored -> current.sendClose(WebSocket.NORMAL_CLOSURE, ""));
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        synchronized (this) {
            send(Frame.encode(JOIN_REF, JOIN_REF, topic, "phx_join", "{}"));
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long millis = System.currentTimeMillis();
        long nanos = System.nanoTime();
        if (!last) {
            if (partial == null) {
                partial = new StringBuilder();
            }
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        String text;
        if (partial == null) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial = null;
        }
        webSocket.request(1);
        dispatch(Frame.decode(text), millis, nanos);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        joined.completeExceptionally(new IllegalStateException(
                "socket " + id + " closed before joining: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        joined.completeExceptionally(error);
    }

    @Override
    public String toString() {
        return "Connection{" + id + ", " + topic + ", joined=" + joined.isDone() + "}";
    }

    private void dispatch(Frame frame, long millis, long nanos) {
        if (!joined.isDone() && frame.isReplyTo(JOIN_REF)) {
            if ("ok".equals(frame.status())) {
                joined.complete(this);
            } else {
                joined.completeExceptionally(new IllegalStateException(
                        "join of " + topic + " refused: " + frame.payload()));
            }
            return;
        }
        handler.onFrame(this, frame, millis, nanos);
    }

    /** Chains a send after the previous one; the caller holds {@code this}. */
    private CompletableFuture<WebSocket> send(String text) {
        WebSocket current = socket;
        sending = sending.exceptionally(e -> null)
                .thenCompose(ignored -> current.sendText(text, true));
        return sending;
    }
}
