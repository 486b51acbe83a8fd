package dev.channels.testkit.internal.websocket;

import dev.channels.spi.transport.Inbound;
import dev.channels.testkit.internal.ClientConnection;
import dev.channels.testkit.internal.ServerFrames;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One test client's WebSocket: the client container's {@link Endpoint} and the kit's
 * {@link ClientConnection}. Sends are blocking and serialized; what the server sends is handed
 * to the kit on the client's threads, one message at a time. The server-side hooks read the
 * socket the server opened for this connection, in this JVM.
 */
final class WebSocketConnection extends Endpoint implements ClientConnection {

    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final ServerFrames frames;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Serializes sends: a Jakarta session allows one blocking send at a time. */
    private final Object sending = new Object();
    /** Set in onOpen, before connectToServer returns. */
    private volatile Session session;
    /** The server's side, set once its upgrade opened it. */
    private volatile Inbound server;

    WebSocketConnection(ServerFrames frames) {
        this.frames = frames;
    }

    void opened(Inbound serverSide) {
        this.server = serverSide;
    }

    // ------------------------------------------------------------ the container's side

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        opened.setMaxIdleTimeout(0);
        opened.setMaxTextMessageBufferSize(MAX_MESSAGE);
        opened.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
        opened.addMessageHandler(String.class, frames::text);
        opened.addMessageHandler(ByteBuffer.class, buffer -> {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            frames.binary(bytes);
        });
    }

    @Override
    public void onClose(Session closing, CloseReason reason) {
        if (closed.compareAndSet(false, true)) {
            String phrase = reason.getReasonPhrase();
            frames.closed(reason.getCloseCode().getCode(), phrase == null ? "" : phrase, true);
        }
    }

    @Override
    public void onError(Session failed, Throwable failure) {
        // The container closes the session after an error; onClose reports it to the kit.
    }

    // ------------------------------------------------------------ the kit's side

    @Override
    public void send(String frame) {
        synchronized (sending) {
            if (closed.get()) {
                return;
            }
            try {
                session.getBasicRemote().sendText(frame);
            } catch (IOException | IllegalStateException e) {
                // Closed meanwhile by the server: its close reaches the kit through onClose.
            }
        }
    }

    @Override
    public void sendBinary(byte[] frame) {
        synchronized (sending) {
            if (closed.get()) {
                return;
            }
            try {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(frame));
            } catch (IOException | IllegalStateException e) {
                // Closed meanwhile by the server: its close reaches the kit through onClose.
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        } catch (IOException | IllegalStateException e) {
            // Already gone: the server sees the connection drop, which closes it as well.
        }
        frames.closed(1000, "", false);
    }

    @Override
    public Inbound serverSide() {
        return server;
    }
}
