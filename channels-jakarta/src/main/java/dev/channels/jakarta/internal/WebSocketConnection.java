package dev.channels.jakarta.internal;

import dev.channels.jakarta.ChannelsOptions;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket: the container's {@link Endpoint} for it and the runtime's
 * {@link Connection} to it.
 *
 * <p>Writes are asynchronous and chained: each frame is sent when the previous send
 * completed, so no container ever sees two sends outstanding (Tomcat refuses that). The
 * container delivers inbound messages one at a time, as {@link Inbound} requires.
 */
public final class WebSocketConnection extends Endpoint implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final Handshake handshake;
    private final ChannelsOptions options;
    /** Set in onOpen, before the container delivers any message. */
    private volatile Session session;
    private volatile Inbound inbound;

    WebSocketConnection(Handshake handshake, ChannelsOptions options) {
        this.handshake = handshake;
        this.options = options;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        int limit = WebSocketLimits.containerLimit(options);
        session.setMaxTextMessageBufferSize(limit);
        session.setMaxBinaryMessageBufferSize(limit);
        session.setMaxIdleTimeout(0);
        Inbound opened = handshake.open(this);
        this.inbound = opened;
        session.addMessageHandler(String.class, opened::onText);
        session.addMessageHandler(ByteBuffer.class, opened::onBinary);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Inbound opened = inbound;
        if (opened != null) {
            opened.onClosed(closeReason.getCloseCode().getCode(),
                    closeReason.getReasonPhrase() == null ? "" : closeReason.getReasonPhrase());
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.debug("WebSocket error on {}: {}", session.getId(), failure.toString());
    }

    @Override
    public void write(List<OutboundFrame> frames, WriteCompletion done) {
        new Batch(session.getAsyncRemote(), frames, done).run();
    }

    @Override
    public void close(int code, String reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code),
                    WebSocketLimits.closeReason(reason)));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("closing WebSocket {} failed: {}", current.getId(), e.toString());
        }
    }

    /**
     * One batch of frames, sent one after another. A send the container completes inline
     * continues the loop instead of recursing.
     */
    private static final class Batch implements SendHandler {

        private static final int SENDING = 0;
        private static final int COMPLETED_INLINE = 1;
        private static final int WAITING = 2;

        private final RemoteEndpoint.Async remote;
        private final List<OutboundFrame> frames;
        private final WriteCompletion done;
        private final AtomicInteger state = new AtomicInteger();
        private int next;
        private volatile Throwable failure;

        Batch(RemoteEndpoint.Async remote, List<OutboundFrame> frames, WriteCompletion done) {
            this.remote = remote;
            this.frames = frames;
            this.done = done;
        }

        void run() {
            while (true) {
                if (failure != null) {
                    done.complete(failure);
                    return;
                }
                if (next == frames.size()) {
                    done.complete(null);
                    return;
                }
                OutboundFrame frame = frames.get(next++);
                state.set(SENDING);
                try {
                    send(frame);
                } catch (RuntimeException e) {
                    done.complete(e);
                    return;
                }
                if (state.compareAndSet(SENDING, WAITING)) {
                    return;
                }
            }
        }

        private void send(OutboundFrame frame) {
            if (frame.isBinary()) {
                remote.sendBinary(frame.bytes(), this);
            } else {
                remote.sendText(frame.text(), this);
            }
        }

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                Throwable cause = result.getException();
                failure = cause != null ? cause : new IOException("the send failed");
            }
            if (state.compareAndSet(SENDING, COMPLETED_INLINE)) {
                return;
            }
            run();
        }
    }
}
