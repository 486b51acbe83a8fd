package dev.channels.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/**
 * One load-test socket joined to one topic, in the protocol the server speaks: Phoenix V2
 * ({@link Phoenix}) or STOMP 1.2 over WebSocket ({@link Stomp}, for the Spring peer). It joins
 * on open, completes {@link #joined()} on the server's answer and hands every later message
 * to the shared {@link Handler}, with its event name and its text undecoded: finding a
 * timestamp in the text is all a run needs, and a full JSON parse per delivery would take
 * CPU from the server under test.
 *
 * <p>Threading: callbacks run on the socket's loop thread; {@link #push}, {@link #heartbeat}
 * and {@link #close} may be called from any thread.
 */
public abstract sealed class Connection implements NioWebSocket.Listener {

    /** Receives every message other than this socket's own join answer. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Called on a loop thread; must not block. The receive time was taken when the bytes
         * were read, in epoch milliseconds and in {@link System#nanoTime()}.
         *
         * @param event the message's event ({@code phx_reply}, {@code new_msg}, ...)
         * @param text the message as it came: a V2 frame, or a STOMP MESSAGE's body
         */
        void onMessage(Connection connection, String event, String text, long receivedMillis,
                long receivedNanos);
    }

    private final int id;
    final String topic;
    private final Handler handler;
    private final CompletableFuture<Connection> joined = new CompletableFuture<>();
    /** Set when the handshake succeeded, before anything is sent. */
    private volatile NioWebSocket socket;

    Connection(int id, String topic, Handler handler) {
        this.id = id;
        this.topic = topic;
        this.handler = handler;
    }

    /** A socket for the protocol named on the command line: {@code phoenix} or {@code stomp}. */
    static Connection create(String protocol, int id, String topic, Handler handler) {
        return switch (protocol) {
            case "phoenix" -> new Phoenix(id, topic, handler);
            case "stomp" -> new Stomp(id, topic, handler);
            default -> throw new IllegalArgumentException("unknown protocol " + protocol
                    + "; expected phoenix or stomp");
        };
    }

    /** The request path and query of the upgrade, carrying the user's token. */
    abstract String path(String encodedToken);

    /** The index of this socket in its run, 0 to N-1. */
    public int id() {
        return id;
    }

    /** Completes when the server accepted the join; fails on a refusal or a close. */
    public CompletableFuture<Connection> joined() {
        return joined;
    }

    /** Pushes an event on the joined topic; the payload is JSON text. */
    public abstract void push(String event, String payloadJson);

    /** Tells the server this socket is alive, where the protocol asks for it. */
    public abstract void heartbeat();

    /** Closes the socket normally; returns at once. */
    public void close() {
        NioWebSocket current = socket;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public final void onOpen(NioWebSocket webSocket) {
        socket = webSocket;
        opened();
    }

    /** The socket is open: start joining. */
    abstract void opened();

    void send(String text) {
        socket.sendText(text);
    }

    void joinAnswered(boolean ok, String answer) {
        if (ok) {
            joined.complete(this);
        } else {
            joined.completeExceptionally(new IllegalStateException(
                    "join of " + topic + " refused: " + Frame.abbreviate(answer)));
        }
    }

    boolean isJoined() {
        return joined.isDone();
    }

    void deliver(String event, String text, long millis, long nanos) {
        handler.onMessage(this, event, text, millis, nanos);
    }

    @Override
    public void onClose(NioWebSocket webSocket, int code, String reason) {
        joined.completeExceptionally(new IllegalStateException(
                "socket " + id + " closed before joining: " + code + " " + reason));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + id + ", " + topic + ", joined="
                + joined.isDone() + "}";
    }

    /** Phoenix V2 JSON: {@code [join_ref, ref, topic, event, payload]}. */
    static final class Phoenix extends Connection {

        private static final String JOIN_REF = "1";
        /** Guarded by {@code this}. */
        private int nextRef = 2;

        Phoenix(int id, String topic, Handler handler) {
            super(id, topic, handler);
        }

        @Override
        String path(String encodedToken) {
            return "/socket/websocket?token=" + encodedToken + "&vsn=2.0.0";
        }

        @Override
        void opened() {
            send(Frame.encode(JOIN_REF, JOIN_REF, topic, "phx_join", "{}"));
        }

        @Override
        public void onText(NioWebSocket webSocket, String text, long millis, long nanos) {
            String event = Frame.event(text);
            if (!isJoined() && "phx_reply".equals(event) && JOIN_REF.equals(Frame.ref(text))) {
                joinAnswered(text.contains("\"status\":\"ok\""), text);
                return;
            }
            deliver(event, text, millis, nanos);
        }

        @Override
        public synchronized void push(String event, String payloadJson) {
            send(Frame.encode(JOIN_REF, String.valueOf(nextRef++), topic, event, payloadJson));
        }

        @Override
        public synchronized void heartbeat() {
            send(Frame.encode(null, String.valueOf(nextRef++), "phoenix", "heartbeat", "{}"));
        }
    }

    /**
     * STOMP 1.2 over WebSocket: CONNECT, then SUBSCRIBE to {@code /topic/<topic>} with a
     * receipt, which is the join's answer; pushes are SENDs to {@code /app/<topic>/<event>}.
     * The peer's messages are JSON bodies that carry their {@code event}.
     */
    static final class Stomp extends Connection {

        private static final String JOIN_RECEIPT = "join";

        Stomp(int id, String topic, Handler handler) {
            super(id, topic, handler);
        }

        @Override
        String path(String encodedToken) {
            return "/stomp?token=" + encodedToken;
        }

        @Override
        void opened() {
            send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0");
        }

        @Override
        public void onText(NioWebSocket webSocket, String text, long millis, long nanos) {
            int headersEnd = text.indexOf("\n\n");
            String command = text.substring(0, Math.max(0, text.indexOf('\n')));
            switch (command) {
                case "MESSAGE" -> {
                    int bodyEnd = text.lastIndexOf('\0');
                    String body = text.substring(headersEnd + 2, bodyEnd < headersEnd + 2
                            ? text.length() : bodyEnd);
                    deliver(Frame.field(body, "event"), body, millis, nanos);
                }
                case "CONNECTED" -> send("SUBSCRIBE\nid:0\ndestination:/topic/" + topic
                        + "\nreceipt:" + JOIN_RECEIPT + "\n\n\0");
                case "RECEIPT" -> {
                    if (!isJoined() && text.contains("receipt-id:" + JOIN_RECEIPT + "\n")) {
                        joinAnswered(true, text);
                    }
                }
                case "ERROR" -> {
                    if (!isJoined()) {
                        joinAnswered(false, text);
                    } else {
                        deliver("ERROR", text, millis, nanos);
                    }
                }
                default -> deliver(command, text, millis, nanos);
            }
        }

        @Override
        public void push(String event, String payloadJson) {
            send("SEND\ndestination:/app/" + topic + "/" + event
                    + "\ncontent-type:application/json\n\n" + payloadJson + "\0");
        }

        @Override
        public void heartbeat() {
            // heart-beat:0,0 was agreed at CONNECT: STOMP wants no heartbeats
        }
    }
}
