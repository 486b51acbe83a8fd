package dev.channels.jetty.internal;

import dev.channels.jakarta.internal.WebSocketLimits;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket on Jetty's own API: Jetty's listener for it and the runtime's
 * {@link Connection} to it. It holds the session, the runtime's inbound side and, until the
 * socket opens, the accepted handshake: nothing else lives as long as the socket.
 *
 * <h2>Writes</h2>
 * <p>The runtime has at most one batch outstanding. Each frame of a batch is handed to
 * {@link Session#sendText} or {@link Session#sendBinary} back to back, without waiting for
 * the previous one: Jetty queues every send in the session's frame flusher, first in first
 * out, and writes up to eight queued frames in one gathering write. This is safe because:
 * <ul>
 *   <li>order: the sends of one batch are issued by one thread, in list order, and the next
 *       batch only after this one completed; the flusher keeps that order (only pings and
 *       pongs, which are not ours, may go ahead of queued data frames);</li>
 *   <li>completion, exactly once: every send's callback is called exactly once, with success
 *       or failure (a send on a closed session fails at once; a failed write fails every
 *       queued frame). The batch counts one per frame plus one for the issuing loop and
 *       completes when the count reaches zero, with the first failure if any. The loop's own
 *       count is released after its last send, so the runtime never sees completion while
 *       the loop still reads the frame list (the runtime clears and refills it after
 *       completion);</li>
 *   <li>failures: after the first failure the remaining frames are not sent; the batch
 *       completes with that failure once the sends already issued have reported;</li>
 *   <li>memory: Jetty holds at most one batch per socket (the runtime's batch size). Jetty
 *       encodes a text frame to UTF-8 when it is queued, so a client that reads slowly keeps
 *       at most one batch of encoded frames in Jetty, beside the runtime's own bounded queue.
 *       {@code maxOutgoingFrames} is set unlimited on the session so that a container-wide
 *       limit cannot fail a batch halfway.</li>
 * </ul>
 *
 * <p>Jetty calls the listener methods one at a time (it reads the next frame only after the
 * previous one was handled), as {@link Inbound} requires.
 */
public final class JettyConnection implements Session.Listener.AutoDemanding, Connection {

    private static final Logger LOG = LoggerFactory.getLogger(JettyConnection.class);

    /** The largest inbound message, in bytes; read once, at open. */
    private final int limit;
    /** Set by the upgrading thread; read and cleared at open, which Jetty runs after it. */
    private Handshake handshake;
    /** Set in onWebSocketOpen, before the runtime can write and before any message. */
    private volatile Session session;
    private volatile Inbound inbound;

    /**
     * A connection for an accepted handshake, opened when Jetty opens the WebSocket.
     *
     * @param handshake the accepted handshake
     * @param limit the largest inbound message Jetty buffers, in bytes
     */
    public JettyConnection(Handshake handshake, int limit) {
        this.handshake = handshake;
        this.limit = limit;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        // The runtime times idle sockets out itself (heartbeats); Jetty's 30 s default would
        // close sockets whose clients heartbeat every 30 s.
        opened.setIdleTimeout(Duration.ZERO);
        // Room above the runtime's limit, so that the client sees the runtime's 1009 (and its
        // reason), never Jetty's. Jetty's frame limit stays at its default (64 KiB): larger
        // inbound frames are split as they are parsed rather than refused, so a large message
        // streams into the message buffer instead of being gathered whole first.
        opened.setMaxTextMessageSize(limit);
        opened.setMaxBinaryMessageSize(limit);
        // The runtime bounds what is outstanding (one batch); see the class comment.
        opened.setMaxOutgoingFrames(-1);
        Handshake accepted = handshake;
        handshake = null;
        inbound = accepted.open(this);
    }

    @Override
    public void onWebSocketText(String message) {
        inbound.onText(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            inbound.onBinary(payload);
        } catch (RuntimeException e) {
            callback.fail(e);
            return;
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Inbound opened = inbound;
        if (opened != null) {
            opened.onClosed(statusCode, reason == null ? "" : reason);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error on {}: {}", session, cause.toString());
    }

    @Override
    public void write(List<OutboundFrame> frames, WriteCompletion done) {
        Session current = session;
        int count = frames.size();
        Batch batch = new Batch(done, count + 1);
        int issued = 0;
        while (issued < count && !batch.failed()) {
            send(current, frames.get(issued++), batch);
        }
        // The frames never sent and the loop itself: after this the list is not read again.
        batch.arrive(count - issued + 1, null);
    }

    private static void send(Session session, OutboundFrame frame, Batch batch) {
        try {
            if (frame.isBinary()) {
                session.sendBinary(frame.bytes(), batch);
            } else {
                session.sendText(frame.text(), batch);
            }
        } catch (RuntimeException e) {
            // Jetty reports failures through the callback; a throw means it never took the
            // frame, so the callback will not be called for it.
            batch.fail(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        current.close(code, WebSocketLimits.closeReason(reason), Callback.from(() -> { },
                failure -> LOG.debug("closing WebSocket {} failed: {}", current,
                        failure.toString())));
    }

    /** One batch of frames in flight: the callback of each of its sends. */
    private static final class Batch implements Callback {

        private static final VarHandle REMAINING;
        private static final VarHandle FAILURE;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                REMAINING = lookup.findVarHandle(Batch.class, "remaining", int.class);
                FAILURE = lookup.findVarHandle(Batch.class, "failure", Throwable.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final WriteCompletion done;
        /** Sends not yet reported, plus one while the issuing loop runs; through REMAINING. */
        private volatile int remaining;
        /** The first failure, set once through FAILURE before its count is released. */
        private volatile Throwable failure;

        Batch(WriteCompletion done, int remaining) {
            this.done = done;
            this.remaining = remaining;
        }

        boolean failed() {
            return failure != null;
        }

        @Override
        public void succeed() {
            arrive(1, null);
        }

        @Override
        public void fail(Throwable cause) {
            arrive(1, cause);
        }

        void arrive(int count, Throwable cause) {
            if (cause != null) {
                FAILURE.compareAndSet(this, null, cause);
            }
            if ((int) REMAINING.getAndAdd(this, -count) == count) {
                done.complete(failure);
            }
        }
    }
}
