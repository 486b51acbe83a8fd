package dev.channels.examples.chat;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import java.util.Map;

/**
 * A chat room ({@code room:*}), or a load-test room without presence ({@code bench:*}). The
 * transport layer only: who may join, what is valid and what is kept live in {@link Rooms},
 * {@link Messages} and {@link RecentMessages}.
 */
public final class RoomChannel implements Channel {

    /** Sent to itself from join, handled once the join reply is out. */
    private record AfterJoin() {
    }

    private final Chat chat;
    private final boolean presence;

    /**
     * Creates a room channel.
     *
     * @param chat the chat's services
     * @param presence whether members are tracked
     */
    public RoomChannel(Chat chat, boolean presence) {
        this.chat = chat;
        this.presence = presence;
    }

    @Override
    public Join join(String topic, Payload params, ChannelContext channel) {
        if (!chat.rooms().mayJoin(topic, userId(channel))) {
            return Join.error(Map.of("reason", "unauthorized"));
        }
        if (!presence) {
            return Join.ok();
        }
        channel.send(new AfterJoin());
        return Join.ok(Map.of("messages", chat.recent().of(topic)));
    }

    @Override
    public void handleInfo(Object message, ChannelContext channel) {
        if (message instanceof AfterJoin) {
            chat.presence().track(channel, userId(channel), Map.of("online_at",
                    String.valueOf(System.currentTimeMillis() / 1000)));
            channel.push("presence_state", chat.presence().list(channel.topic()));
        } else {
            Channel.super.handleInfo(message, channel);
        }
    }

    @Override
    public Reply handleIn(String event, Payload payload, ChannelContext channel) {
        switch (event) {
            case "new_msg":
                return newMessage(payload, channel);
            case "ping":
                return Reply.ok(payload.isBinary() ? payload.binary() : payload);
            case "typing":
                if (presence) {
                    boolean typing = payload.get("typing").asBoolean();
                    chat.presence().update(channel, channel.topic(), userId(channel), meta -> {
                        meta.put("typing", typing);
                        return meta;
                    });
                }
                return Reply.noReply();
            case "crash":
                throw new IllegalStateException("crash requested by the client");
            case "stop":
                return Reply.stop(Reply.ok());
            case "bin_push":
                channel.push("bin_push", payload.binary());
                return Reply.noReply();
            case "bin_broadcast":
                channel.broadcast("bin_broadcast", payload.binary());
                return Reply.ok();
            default:
                return Reply.error(Map.of("reason", "unknown event " + event));
        }
    }

    private Reply newMessage(Payload payload, ChannelContext channel) {
        var errors = chat.messages().errors(payload);
        if (errors.isPresent()) {
            return Reply.error(errors.get());
        }
        Map<String, Object> message = Map.of("body", payload.get("body").asText(),
                "user_id", userId(channel));
        chat.recent().add(channel.topic(), message);
        channel.broadcast("new_msg", message);
        return Reply.ok();
    }

    private static String userId(ChannelContext channel) {
        return channel.assign("user_id");
    }
}
