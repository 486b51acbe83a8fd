package dev.channels.core.internal.runtime;

import dev.channels.ConnectInfo;
import dev.channels.spi.transport.Handshake;
import java.util.Map;

/**
 * The endpoint's side of a mounted socket beyond the transport SPI: opening a socket without
 * running its {@code connect}. Implemented by the endpoint's acceptors; reached by the test
 * kit only, through {@code dev.channels.core.internal.testing}.
 */
public interface Mount {

    /**
     * An accepted V2 handshake that skips the socket's {@code connect} and {@code id}.
     *
     * @param assigns the socket's assigns
     * @param id the socket id, or null for an anonymous socket
     * @param info the connect info the channels see
     * @return the handshake, to be opened with a connection
     * @throws IllegalStateException when the endpoint is shut down
     */
    Handshake withoutConnect(Map<String, ?> assigns, String id, ConnectInfo info);
}
