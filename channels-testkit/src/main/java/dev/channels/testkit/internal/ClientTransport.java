package dev.channels.testkit.internal;

import dev.channels.ConnectInfo;
import dev.channels.Socket;
import java.util.Map;

/** Makes {@link ClientConnection}s to one endpoint's sockets. Thread-safe. */
public interface ClientTransport {

    /**
     * Connects through the socket's {@code connect}, with the V2 serializer.
     *
     * @param socket a socket mounted on the endpoint
     * @param params the connect parameters; {@code vsn} is added when absent
     * @param info the connect info, or null for the transport's default
     * @param frames receives what the server writes
     * @return the connection, or the refusal
     */
    Attempt connect(Socket socket, Map<String, String> params, ConnectInfo info,
            ServerFrames frames);

    /**
     * Opens a socket without running its {@code connect}.
     *
     * @param socket a socket mounted on the endpoint
     * @param assigns the socket's assigns
     * @param id the socket id, or null
     * @param frames receives what the server writes
     * @return the connection
     */
    ClientConnection open(Socket socket, Map<String, ?> assigns, String id,
            ServerFrames frames);

    /**
     * The outcome of a connect.
     *
     * @param connection the connection, or null when refused
     * @param status the HTTP status: 101 when accepted
     * @param reason why it was refused, empty when accepted
     */
    record Attempt(ClientConnection connection, int status, String reason) {
    }
}
