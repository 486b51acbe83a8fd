package dev.channels.examples.chat;

import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.SocketInfo;
import dev.channels.core.Token;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The chat's socket: a client connects with a token from {@code GET /token} (signed with
 * salt {@code "user socket"}, valid one day) and is known as {@code users_socket:<id>}.
 */
public final class ChatSocket implements Socket {

    /** The salt tokens are signed with. */
    public static final String SALT = "user socket";

    private final Token tokens;
    private final Chat chat;

    /**
     * Creates the socket.
     *
     * @param tokens verifies connect tokens
     * @param chat the chat's services
     */
    public ChatSocket(Token tokens, Chat chat) {
        this.tokens = tokens;
        this.chat = chat;
    }

    @Override
    public void routes(Routes routes) {
        routes.channel("room:*", () -> new RoomChannel(chat, true));
        routes.channel("bench:*", () -> new RoomChannel(chat, false));
    }

    @Override
    public Connect connect(ConnectRequest request) {
        return tokens.verify(SALT, request.param("token"), Duration.ofDays(1))
                .map(userId -> Connect.accept(Map.of("user_id", String.valueOf(userId))))
                .orElseGet(() -> Connect.refuse("missing or invalid token"));
    }

    @Override
    public Optional<String> id(SocketInfo socket) {
        return Optional.of("users_socket:" + socket.assigns().get("user_id"));
    }
}
