package dev.channels.core.internal.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.channels.ChannelRef;
import dev.channels.ConnectInfo;
import dev.channels.Payload;
import dev.channels.core.internal.json.JsonPayload;
import dev.channels.core.internal.runtime.Mount;
import dev.channels.core.internal.runtime.SocketSession;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.SocketAcceptor;
import java.time.Duration;
import java.util.Map;

/**
 * What the test kit needs from the runtime beyond the public API. Exported to
 * {@code dev.channels.testkit} only; not an API for transports or host code.
 */
public final class TestSupport {

    private TestSupport() {
    }

    /**
     * Opens a socket without running its {@code connect}, as Phoenix's
     * {@code ChannelTest.socket/3} does: a V2 handshake, already accepted.
     *
     * @param acceptor an acceptor from {@code Endpoint.acceptor(...)}
     * @param assigns the socket's assigns
     * @param id the socket id, or null for an anonymous socket
     * @param info the connect info the channels see
     * @return the handshake, to be opened with a connection
     * @throws IllegalArgumentException when the acceptor is not an endpoint's
     */
    public static Handshake withoutConnect(SocketAcceptor acceptor, Map<String, ?> assigns,
            String id, ConnectInfo info) {
        if (!(acceptor instanceof Mount)) {
            throw new IllegalArgumentException("not an endpoint's acceptor: " + acceptor);
        }
        return ((Mount) acceptor).withoutConnect(assigns, id, info);
    }

    /**
     * The id of an opened in-process socket.
     *
     * @param socket what {@link Handshake#open} returned
     * @return the id, or null for an anonymous socket
     */
    public static String socketId(Inbound socket) {
        return session(socket).id();
    }

    /**
     * The assigns of an opened in-process socket.
     *
     * @param socket what {@link Handshake#open} returned
     * @return the assigns
     */
    public static Map<String, Object> assigns(Inbound socket) {
        return session(socket).assigns();
    }

    /**
     * A handle on the channel joined to a topic on an opened in-process socket.
     *
     * @param socket what {@link Handshake#open} returned
     * @param topic the topic
     * @return the channel, or null when none is joined
     */
    public static ChannelRef channel(Inbound socket, String topic) {
        return session(socket).channel(topic);
    }

    /**
     * Waits until a channel has finished its {@code terminate}, after its socket closed.
     *
     * @param socket what {@link Handshake#open} returned
     * @param channel a handle from {@link #channel(Inbound, String)}
     * @param timeout the longest wait
     * @return true when it has, false after the timeout
     */
    public static boolean awaitEnded(Inbound socket, ChannelRef channel, Duration timeout) {
        return session(socket).awaitEnded(channel, timeout);
    }

    private static SocketSession session(Inbound socket) {
        if (!(socket instanceof SocketSession)) {
            throw new IllegalArgumentException("not an in-process socket: " + socket);
        }
        return (SocketSession) socket;
    }

    /**
     * Converts a host value to a payload exactly as a client would see it: records, beans
     * and maps become objects with string keys, {@link dev.channels.Binary} stays bytes.
     *
     * @param value a map, record, bean, list, string, number, boolean, {@link Payload},
     *     {@link dev.channels.Binary} or null
     * @return the payload
     * @throws IllegalArgumentException when the value cannot be encoded
     */
    public static Payload payload(Object value) {
        return JsonPayload.from(value);
    }

    /**
     * Parses JSON text into the runtime's payload type.
     *
     * @param json the JSON text
     * @return the payload
     */
    public static Payload parse(String json) {
        return JsonPayload.parse(json);
    }

    /**
     * Wraps raw bytes into the runtime's payload type.
     *
     * @param bytes the bytes; not copied
     * @return a binary payload
     */
    public static Payload binary(byte[] bytes) {
        return JsonPayload.ofBinary(bytes);
    }

    /**
     * The JSON tree of a JSON payload made by the runtime.
     *
     * @param payload a JSON payload from {@link #payload}, {@link #parse} or the runtime
     * @return the tree; do not change it
     * @throws dev.channels.PayloadException for a binary payload
     */
    public static JsonNode tree(Payload payload) {
        return JsonPayload.from(payload).node();
    }
}
