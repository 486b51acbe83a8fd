package dev.channels.testkit.example;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import java.util.Map;

/** The example's chat room: members only; messages are broadcast with their author. */
final class RoomChannel implements Channel {

    private final Rooms rooms;

    RoomChannel(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public Join join(String topic, Payload params, ChannelContext channel) {
        if (!rooms.isMember(topic, channel.assigns().get("user_id"))) {
            return Join.error(Map.of("reason", "unauthorized"));
        }
        return Join.ok();
    }

    @Override
    public Reply handleIn(String event, Payload payload, ChannelContext channel) {
        if (!"new_msg".equals(event)) {
            return Reply.error(Map.of("reason", "unknown event"));
        }
        NewMessage message = payload.as(NewMessage.class);
        if (message.body() == null || message.body().isBlank()) {
            return Reply.error(Map.of("errors", Map.of("body", "can't be blank")));
        }
        channel.broadcast("new_msg", Map.of("body", message.body(),
                "user_id", channel.assigns().get("user_id")));
        return Reply.ok();
    }
}
