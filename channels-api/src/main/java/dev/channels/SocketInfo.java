package dev.channels;

import java.util.Map;

/**
 * An accepted socket, as {@link Socket#id(SocketInfo)} sees it.
 */
public interface SocketInfo {

    /**
     * The assigns {@link Socket#connect(ConnectRequest)} accepted the socket with.
     *
     * @return an unmodifiable map
     */
    Map<String, Object> assigns();

    /**
     * The connect request the socket was accepted from.
     *
     * @return the request
     */
    ConnectRequest request();
}
