package dev.channels.testkit.example;

import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Presence;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.SocketInfo;
import dev.channels.core.Token;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The example's socket: a signed user token in, the user's rooms out. */
final class UserSocket implements Socket {

    static final String SALT = "user socket";

    private final Token tokens;
    private final Rooms rooms;
    private final Supplier<Presence> presence;

    UserSocket(Token tokens, Rooms rooms, Supplier<Presence> presence) {
        this.tokens = tokens;
        this.rooms = rooms;
        this.presence = presence;
    }

    @Override
    public void routes(Routes routes) {
        routes.channel("room:*", () -> new RoomChannel(rooms, presence));
    }

    @Override
    public Connect connect(ConnectRequest request) {
        String token = request.param("token");
        if (token == null) {
            return Connect.refuse("no token");
        }
        Token.Verified verified = tokens.verify(SALT, token, Duration.ofDays(14));
        return verified.isOk() ? Connect.accept(Map.of("user_id", verified.dataAs(String.class)))
                : Connect.refuse(verified.error().reason());
    }

    @Override
    public Optional<String> id(SocketInfo socket) {
        return Optional.of("users_socket:" + socket.assigns().get("user_id"));
    }
}
