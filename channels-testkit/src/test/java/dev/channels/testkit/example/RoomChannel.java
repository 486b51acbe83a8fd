package dev.channels.testkit.example;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Presence;
import dev.channels.Reply;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The example's chat room: members only; a member is tracked in presence once joined and
 * gets the room's {@code presence_state}; messages are broadcast with their author.
 */
final class RoomChannel implements Channel {

    private final Rooms rooms;
    private final Supplier<Presence> presence;

    RoomChannel(Rooms rooms, Supplier<Presence> presence) {
        this.rooms = rooms;
        this.presence = presence;
    }

    @Override
    public Join join(String topic, Payload params, ChannelContext channel) {
        if (!rooms.isMember(topic, channel.assigns().get("user_id"))) {
            return Join.error(Map.of("reason", "unauthorized"));
        }
        channel.send("after_join");
        return Join.ok();
    }

    @Override
    public void handleInfo(Object message, ChannelContext channel) {
        String user = String.valueOf(channel.assigns().get("user_id"));
        presence.get().track(channel, user, Map.of("online_at", Instant.now().toString()));
        channel.push("presence_state", presence.get().list(channel.topic()));
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
