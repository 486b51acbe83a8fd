package dev.channels.spi.transport;

import dev.channels.ConnectInfo;
import java.util.Map;

/**
 * The runtime's entry point for one socket mount path ({@code /socket}); transports serve it
 * at {@code {path}/websocket} and {@code {path}/longpoll}. Thread-safe.
 */
public interface SocketAcceptor {

    /**
     * The mount path, such as {@code /socket}.
     *
     * @return the path
     */
    String path();

    /**
     * Evaluates a connection attempt: negotiates the serializer from {@code vsn}, checks the
     * origin, then runs the socket's {@code connect}. May block while {@code connect} runs;
     * call it where blocking is allowed (a handshake thread).
     *
     * @param params the query parameters, including {@code vsn}
     * @param info what the transport knows about the connection
     * @return the outcome; when refused, answer with {@link Handshake#status()}
     */
    Handshake handshake(Map<String, String> params, ConnectInfo info);
}
