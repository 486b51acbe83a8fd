package dev.channels.core.internal.runtime;

import dev.channels.Socket;
import java.util.Objects;

/** A {@link Socket} mounted at a path, with its routes declared once. */
public final class SocketHandler {

    private final String path;
    private final Socket socket;
    private final Router router = new Router();

    /**
     * Mounts a socket and reads its routes.
     *
     * @param path the mount path, such as {@code /socket}
     * @param socket the host's socket
     */
    public SocketHandler(String path, Socket socket) {
        this.path = Objects.requireNonNull(path, "path");
        this.socket = Objects.requireNonNull(socket, "socket");
        socket.routes(router);
        router.seal();
    }

    /**
     * The mount path.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * The host's socket.
     *
     * @return the socket
     */
    public Socket socket() {
        return socket;
    }

    /**
     * The socket's name for logs: its class's simple name.
     *
     * @return the name
     */
    public String name() {
        String name = socket.getClass().getSimpleName();
        return name.isEmpty() ? socket.getClass().getName() : name;
    }

    /**
     * The first route that matches a topic.
     *
     * @param topic the topic
     * @return the route, or null
     */
    public Router.Route route(String topic) {
        return router.match(topic);
    }
}
