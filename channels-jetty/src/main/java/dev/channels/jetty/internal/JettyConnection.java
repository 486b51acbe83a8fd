package dev.channels.jetty.internal;

import dev.channels.jakarta.internal.WebSocketLimits;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket on Jetty's WebSocket core: Jetty's frame handler for it and the runtime's
 * {@link Connection} to it. It holds the core session, the runtime's inbound side, the
 * fragments of a message being received and, until the socket opens, the accepted handshake:
 * nothing else lives as long as the socket. In particular nothing here keeps the upgrade
 * request, which Jetty's higher-level WebSocket API keeps (and through it the HTTP
 * connection, its parser and the request's headers) for the socket's whole life.
 *
 * <h2>Reads</h2>
 * <p>Jetty reads the next frame only when asked ({@link CoreSession#demand}), so frames reach
 * this handler one at a time, as {@link Inbound} requires. Jetty checks the framing (masks,
 * opcodes, the order of fragments, control frame sizes) and answers the close handshake; this
 * handler joins fragments into messages (at most {@code limit} bytes, else 1009), checks that
 * text is UTF-8 (else 1007), answers pings with pongs and hands each message to the runtime.
 * A ping is answered before the next frame is read, so a client that pings without reading
 * queues at most one pong.
 *
 * <h2>Writes</h2>
 * <p>The runtime has at most one batch outstanding. Each frame of a batch is handed to
 * {@link CoreSession#sendFrame} back to back, without waiting for the previous one: Jetty
 * queues every frame in the session's flusher, first in first out, and writes up to eight
 * queued frames in one gathering write. This is safe because:
 * <ul>
 *   <li>order: the frames of one batch are queued by one thread, in list order, and the next
 *       batch only after this one completed; the flusher keeps that order (only pongs and the
 *       close frame, which are not the runtime's, may go ahead of queued data frames);</li>
 *   <li>completion, exactly once: every frame's callback is called exactly once, with success
 *       or failure (a frame queued on a closed session fails at once; a failed write fails
 *       every queued frame). The batch counts one per frame plus one for the queuing loop and
 *       completes when the count reaches zero, with the first failure if any. The loop's own
 *       count is released after its last frame, so the runtime never sees completion while
 *       the loop still reads the frame list (the runtime clears and refills it after
 *       completion);</li>
 *   <li>failures: after the first failure the remaining frames are not queued; the batch
 *       completes with that failure once the frames already queued have reported;</li>
 *   <li>memory: Jetty holds at most one batch per socket (the runtime's batch size), each text
 *       frame encoded to UTF-8 once, when queued. {@code maxOutgoingFrames} is unlimited on
 *       the session so that a container-wide limit cannot fail a batch halfway.</li>
 * </ul>
 */
public final class JettyConnection implements FrameHandler, Connection {

    private static final Logger LOG = LoggerFactory.getLogger(JettyConnection.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** The largest inbound message, in bytes. */
    private final int limit;
    /** Until the socket opens (or the upgrade fails); taken once, under this object's lock. */
    private Handshake handshake;
    /** Set in onOpen, before the runtime can write and before any frame. */
    private volatile CoreSession session;
    private volatile Inbound inbound;
    /** The fragments of the message being received; null between messages. Reader only. */
    private ByteArrayOutputStream fragments;
    /** Whether the message being received is text. Reader only. */
    private boolean fragmentsAreText;

    /**
     * A connection for an accepted handshake, opened when Jetty opens the WebSocket.
     *
     * @param handshake the accepted handshake
     * @param limit the largest inbound message, in bytes
     */
    public JettyConnection(Handshake handshake, int limit) {
        this.handshake = handshake;
        this.limit = limit;
    }

    /**
     * Abandons the handshake if the socket never opened: for an upgrade that failed after
     * this connection was handed to Jetty.
     */
    void abandonUnlessOpened() {
        Handshake unopened = takeHandshake();
        if (unopened != null) {
            unopened.abandon();
        }
    }

    private synchronized Handshake takeHandshake() {
        Handshake taken = handshake;
        handshake = null;
        return taken;
    }

    @Override
    public void onOpen(CoreSession opened, Callback callback) {
        this.session = opened;
        Handshake accepted = takeHandshake();
        if (accepted == null) {
            callback.failed(new IllegalStateException("the upgrade was abandoned"));
            return;
        }
        try {
            inbound = accepted.open(this);
        } catch (RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
        opened.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY, OpCode.CONTINUATION -> onData(frame, callback);
            case OpCode.PING -> {
                CoreSession current = session;
                Frame pong = new Frame(OpCode.PONG, copy(frame.getPayload()));
                current.sendFrame(pong, Callback.from(() -> {
                    callback.succeeded();
                    current.demand();
                }, callback::failed), false);
            }
            case OpCode.CLOSE -> callback.succeeded();
            default -> {
                callback.succeeded();
                session.demand();
            }
        }
    }

    private void onData(Frame frame, Callback callback) {
        ByteBuffer payload = frame.getPayload() == null ? EMPTY : frame.getPayload();
        boolean text = frame.getOpCode() == OpCode.CONTINUATION ? fragmentsAreText
                : frame.getOpCode() == OpCode.TEXT;
        int received = fragments == null ? 0 : fragments.size();
        if ((long) received + payload.remaining() > limit) {
            fragments = null;
            callback.failed(new MessageTooLargeException("message over " + limit + " bytes"));
            return;
        }
        ByteBuffer message;
        if (frame.isFin() && fragments == null) {
            message = payload;
        } else {
            if (fragments == null) {
                fragments = new ByteArrayOutputStream(Math.max(payload.remaining() * 2, 256));
                fragmentsAreText = text;
            }
            byte[] chunk = new byte[payload.remaining()];
            payload.get(chunk);
            fragments.writeBytes(chunk);
            if (!frame.isFin()) {
                callback.succeeded();
                session.demand();
                return;
            }
            message = ByteBuffer.wrap(fragments.toByteArray());
            fragments = null;
        }
        try {
            if (text) {
                Utf8StringBuilder decoder = new Utf8StringBuilder(message.remaining());
                decoder.append(message);
                inbound.onText(decoder.takeCompleteString(
                        () -> new BadPayloadException("text that is not UTF-8")));
            } else {
                inbound.onBinary(message);
            }
        } catch (RuntimeException e) {
            // A BadPayloadException closes with 1007; anything else thrown with 1011.
            callback.failed(e);
            return;
        }
        callback.succeeded();
        session.demand();
    }

    private static ByteBuffer copy(ByteBuffer payload) {
        if (payload == null || !payload.hasRemaining()) {
            return EMPTY;
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.slice()).flip();
        return copy;
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("WebSocket error on {}: {}", session, cause.toString());
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        Inbound opened = inbound;
        if (opened != null) {
            String reason = status.getReason();
            opened.onClosed(status.getCode(), reason == null ? "" : reason);
        }
        callback.succeeded();
    }

    @Override
    public void write(List<OutboundFrame> frames, WriteCompletion done) {
        CoreSession current = session;
        int count = frames.size();
        Batch batch = new Batch(done, count + 1);
        int issued = 0;
        while (issued < count && !batch.failed()) {
            send(current, frames.get(issued++), batch);
        }
        // The frames never queued and the loop itself: after this the list is not read again.
        batch.arrive(count - issued + 1, null);
    }

    private static void send(CoreSession session, OutboundFrame frame, Batch batch) {
        try {
            Frame data = frame.isBinary() ? new Frame(OpCode.BINARY, frame.bytes())
                    : new Frame(OpCode.TEXT, frame.text());
            session.sendFrame(data, batch, false);
        } catch (RuntimeException e) {
            // Jetty reports failures through the callback; a throw means it never took the
            // frame, so the callback will not be called for it.
            batch.failed(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        CoreSession current = session;
        if (current == null || !current.isOutputOpen()) {
            return;
        }
        current.close(code, WebSocketLimits.closeReason(reason), Callback.from(() -> { },
                failure -> LOG.debug("closing WebSocket {} failed: {}", current,
                        failure.toString())));
    }

    /** One batch of frames in flight: the callback of each of its frames. */
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
        /** Frames not yet reported, plus one while the queuing loop runs; through REMAINING. */
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
        public void succeeded() {
            arrive(1, null);
        }

        @Override
        public void failed(Throwable cause) {
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
