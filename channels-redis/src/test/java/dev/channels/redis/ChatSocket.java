package dev.channels.redis;

import dev.channels.Binary;
import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.SocketInfo;
import java.util.Map;
import java.util.Optional;

/**
 * A chat app for the multi-node tests: {@code room:*} channels where {@code shout}
 * broadcasts the payload to the room, {@code shout_from} broadcasts it to everyone but the
 * sender, and {@code shout_binary} broadcasts three raw bytes. A socket connected with a
 * {@code user_id} is named {@code user_socket:<id>}.
 */
final class ChatSocket implements Socket {

    @Override
    public void routes(Routes routes) {
        routes.channel("room:*", Room::new);
    }

    @Override
    public Connect connect(ConnectRequest request) {
        String user = request.param("user_id");
        return Connect.accept(user == null ? Map.of() : Map.of("user_id", user));
    }

    @Override
    public Optional<String> id(SocketInfo socket) {
        return Optional.ofNullable(socket.assigns().get("user_id"))
                .map(user -> "user_socket:" + user);
    }

    /** One room. */
    static final class Room implements Channel {

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            return Join.ok();
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            switch (event) {
                case "shout":
                    channel.broadcast("shout", payload);
                    return Reply.noReply();
                case "shout_from":
                    channel.broadcastFrom("shout", payload);
                    return Reply.noReply();
                case "shout_binary":
                    channel.broadcast("shout", Binary.of((byte) 1, (byte) 2, (byte) 3));
                    return Reply.noReply();
                default:
                    return Reply.error(Map.of("reason", "unknown event"));
            }
        }
    }
}
