package dev.channels.testkit.internal;

import dev.channels.ConnectInfo;
import dev.channels.Socket;
import dev.channels.core.Endpoint;
import dev.channels.core.internal.testing.TestSupport;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.SocketAcceptor;
import dev.channels.spi.transport.WriteCompletion;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test clients joined to the endpoint by an in-memory pipe, through the transport SPI: the
 * same handshake, socket state machine and V2 frames as a WebSocket client, without a
 * network. Unlike {@code InMemoryClient}, frames are handed over as the runtime writes them,
 * so frames of every test socket land in one ordered log with no reader thread.
 */
public final class InMemoryClients implements ClientTransport {

    private static final String VSN = "2.0.0";

    private final Endpoint endpoint;

    /**
     * A transport to an endpoint.
     *
     * @param endpoint the endpoint
     */
    public InMemoryClients(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Attempt connect(Socket socket, Map<String, String> params, ConnectInfo info,
            ServerFrames frames) {
        SocketAcceptor acceptor = endpoint.acceptor(socket);
        Map<String, String> withVsn = new LinkedHashMap<>(params);
        withVsn.putIfAbsent("vsn", VSN);
        Handshake handshake = acceptor.handshake(withVsn,
                info != null ? info : defaultInfo(acceptor));
        if (!handshake.accepted()) {
            return new Attempt(null, handshake.status(), handshake.reason());
        }
        return new Attempt(new Pipe(handshake, frames), 101, "");
    }

    @Override
    public ClientConnection open(Socket socket, Map<String, ?> assigns, String id,
            ServerFrames frames) {
        SocketAcceptor acceptor = endpoint.acceptor(socket);
        return new Pipe(TestSupport.withoutConnect(acceptor, assigns, id, defaultInfo(acceptor)),
                frames);
    }

    private static ConnectInfo defaultInfo(SocketAcceptor acceptor) {
        return ConnectInfo.builder("memory")
                .uri(URI.create(acceptor.path() + "/websocket?vsn=" + VSN)).build();
    }

    /** Both ends of one in-memory connection. */
    private static final class Pipe implements ClientConnection, Connection {

        private final ServerFrames frames;
        private final Inbound inbound;
        /** Guarded by this. */
        private boolean closed;

        Pipe(Handshake handshake, ServerFrames frames) {
            this.frames = frames;
            this.inbound = handshake.open(this);
        }

        // ------------------------------------------------------------ the client's side

        @Override
        public synchronized void send(String frame) {
            if (!closed) {
                inbound.onText(frame);
            }
        }

        @Override
        public synchronized void sendBinary(byte[] frame) {
            if (!closed) {
                inbound.onBinary(ByteBuffer.wrap(frame));
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                inbound.onClosed(1000, "");
            }
            frames.closed(1000, "", false);
        }

        @Override
        public Inbound serverSide() {
            return inbound;
        }

        // ------------------------------------------------------------ the server's side

        @Override
        public void write(List<OutboundFrame> batch, WriteCompletion done) {
            if (isClosed()) {
                done.complete(new IOException("the test client closed the connection"));
                return;
            }
            for (OutboundFrame frame : batch) {
                if (frame.isBinary()) {
                    ByteBuffer bytes = frame.bytes();
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    frames.binary(copy);
                } else {
                    frames.text(frame.text());
                }
            }
            done.complete(null);
        }

        @Override
        public void close(int code, String reason) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            frames.closed(code, reason, true);
        }

        private synchronized boolean isClosed() {
            return closed;
        }
    }
}
