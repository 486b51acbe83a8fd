package dev.channels.testkit.internal;

import dev.channels.ChannelRef;
import dev.channels.core.internal.testing.TestSupport;
import dev.channels.spi.transport.Inbound;
import java.time.Duration;
import java.util.Map;

/**
 * One test client's connection to the endpoint: the only piece of the kit that depends on
 * the transport: an in-memory pipe ({@link InMemoryClients}) or a real WebSocket client
 * ({@code websocket.WebSocketConnection}). Thread-safe.
 */
public interface ClientConnection {

    /**
     * Sends a text frame to the server; does nothing once the connection is closed.
     *
     * @param frame a V2 frame
     */
    void send(String frame);

    /**
     * Sends a binary frame to the server; does nothing once the connection is closed.
     *
     * @param frame a V2 binary push
     */
    void sendBinary(byte[] frame);

    /** Closes the connection from the client side, with 1000; harmless when closed. */
    void close();

    /**
     * The server's side of this connection, in the test's JVM in every mode.
     *
     * @return the runtime's socket
     */
    Inbound serverSide();

    /**
     * The socket's id on the server.
     *
     * @return the id, or null for an anonymous socket
     */
    default String socketId() {
        return TestSupport.socketId(serverSide());
    }

    /**
     * The socket's assigns on the server.
     *
     * @return the assigns
     */
    default Map<String, Object> assigns() {
        return TestSupport.assigns(serverSide());
    }

    /**
     * The server-side channel joined to a topic, for sending it messages.
     *
     * @param topic the topic
     * @return the channel, or null when none is joined
     */
    default ChannelRef channel(String topic) {
        return TestSupport.channel(serverSide(), topic);
    }

    /**
     * Waits until a channel's {@code terminate} has returned.
     *
     * @param channel a handle from {@link #channel(String)}
     * @param timeout the longest wait
     * @return true when it has
     */
    default boolean awaitEnded(ChannelRef channel, Duration timeout) {
        return TestSupport.awaitEnded(serverSide(), channel, timeout);
    }
}
