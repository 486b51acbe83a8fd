package dev.channels;

import java.util.Optional;

/**
 * A kind of client connection: what it may join, how it is authenticated and what it is
 * called. The counterpart of a Phoenix socket module.
 *
 * <p>One instance serves every connection of its mount path, from many threads at once:
 * {@link #connect} and {@link #id} must be thread-safe. {@link #routes} is called once, when
 * the endpoint is built.
 *
 * <pre>{@code
 * final class UserSocket implements Socket {
 *     public void routes(Routes routes) {
 *         routes.channel("room:*", RoomChannel::new);
 *     }
 *
 *     public Connect connect(ConnectRequest request) {
 *         return tokens.verify("user socket", request.param("token"), Duration.ofDays(1))
 *                 .map(userId -> Connect.accept(Map.of("user_id", userId)))
 *                 .orElseGet(Connect::refuse);
 *     }
 *
 *     public Optional<String> id(SocketInfo socket) {
 *         return Optional.of("users_socket:" + socket.assigns().get("user_id"));
 *     }
 * }
 * }</pre>
 */
public interface Socket {

    /**
     * Declares the topics clients may join on this socket. Called once, when the endpoint is
     * built.
     *
     * @param routes where to declare the routes, in the order they are tried
     */
    void routes(Routes routes);

    /**
     * Authenticates a connection, before any channel is joined. The transport answers a
     * refusal with HTTP 403 (or the status of {@link Connect#refuse(int, String)}); the
     * client then retries with its reconnect backoff.
     *
     * <p>Called on a runtime thread, for every connection attempt. It may block, but a slow
     * connect delays only this connection.
     *
     * @param request the connect parameters (the query string, including {@code vsn}) and
     *     what the handshake carried
     * @return {@link Connect#accept(java.util.Map)} with the socket's assigns, or a refusal
     */
    Connect connect(ConnectRequest request);

    /**
     * Names the socket, so that {@code Endpoint.disconnect(id)} can close every socket with
     * this id (for example every tab of one user). Called once, right after a successful
     * {@link #connect}. The default is an anonymous socket.
     *
     * @param socket the accepted socket and its assigns
     * @return the socket id, or empty for an anonymous socket
     */
    default Optional<String> id(SocketInfo socket) {
        return Optional.empty();
    }
}
