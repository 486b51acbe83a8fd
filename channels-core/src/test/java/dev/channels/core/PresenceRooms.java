package dev.channels.core;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Presence;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import java.util.Map;

/**
 * A socket whose rooms use presence as PROTOCOL.md §5.2 shows: a join with {@code {"user":
 * u}} tracks u with {@code {"online_at": "t0"}} after joining; every join then pushes
 * {@code presence_state}. A watcher joins without a user. "crash" throws.
 */
final class PresenceRooms implements Socket {

    /** The endpoint's presence, set once the endpoint is built. */
    volatile Presence presence;

    @Override
    public void routes(Routes routes) {
        routes.channel("room:*", Room::new);
    }

    @Override
    public Connect connect(ConnectRequest request) {
        return Connect.accept(Map.of());
    }

    private final class Room implements Channel {

        private String user;

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            user = params.find("user").map(Payload::asText).orElse(null);
            channel.send("after_join");
            return Join.ok();
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            if (user != null) {
                presence.track(channel, user, Map.of("online_at", "t0"));
            }
            channel.push("presence_state", presence.list(channel.topic()));
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            if (event.equals("crash")) {
                throw new IllegalStateException("crash on purpose");
            }
            return Reply.error(Map.of("reason", "unhandled event"));
        }
    }
}
