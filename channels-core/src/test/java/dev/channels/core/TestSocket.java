package dev.channels.core;

import dev.channels.Binary;
import dev.channels.Broadcast;
import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.ExitReason;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.SocketInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The socket of Phoenix's own channel integration tests (PROTOCOL.md §12), in Java: a room
 * channel that pushes "joined" and broadcasts "user_entered" after joining, intercepts
 * "new_msg", crashes on "boom", and says "you_left" from terminate.
 */
final class TestSocket implements Socket {

    /** Every terminate call, in order, as "topic reason". */
    final List<String> terminated = new CopyOnWriteArrayList<>();

    @Override
    public void routes(Routes routes) {
        routes.channel("room:*", () -> new RoomChannel(this));
        routes.channel("assigned:*", () -> new RoomChannel(this), Map.of("route_assign", true));
    }

    @Override
    public Connect connect(ConnectRequest request) {
        if ("true".equals(request.param("reject"))) {
            return Connect.refuse();
        }
        if ("true".equals(request.param("rate_limit"))) {
            return Connect.refuse(429, "rate limited");
        }
        Map<String, Object> assigns = new LinkedHashMap<>();
        if (request.param("user_id") != null) {
            assigns.put("user_id", request.param("user_id"));
        }
        assigns.put("connect_info", connectInfo(request));
        return Connect.accept(assigns);
    }

    private static Map<String, Object> connectInfo(ConnectRequest request) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("x_headers", request.info().xHeaders());
        info.put("trace_context_headers", request.info().traceContextHeaders());
        request.info().userAgent().ifPresent(agent -> info.put("user_agent", agent));
        request.info().peer().ifPresent(peer -> info.put("peer_data", Map.of(
                "address", peer.getAddress().getHostAddress(), "port", peer.getPort())));
        return info;
    }

    @Override
    public Optional<String> id(SocketInfo socket) {
        Object userId = socket.assigns().get("user_id");
        return userId == null ? Optional.empty() : Optional.of("user_sockets:" + userId);
    }

    /** The message a room sends itself from join. */
    record AfterJoin(String user) {
    }

    static final class RoomChannel implements Channel {

        private final TestSocket socket;

        RoomChannel(TestSocket socket) {
            this.socket = socket;
        }

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            if (topic.equals("room:refused")) {
                return Join.error(Map.of("reason", "unauthorized"));
            }
            if (topic.equals("room:crash")) {
                throw new IllegalStateException("join failed on purpose");
            }
            if (topic.equals("room:reply")) {
                return Join.ok(Map.of("welcome", true));
            }
            String user = params.isObject()
                    ? params.find("user").map(Payload::asText).orElse(null) : null;
            channel.send(new AfterJoin(user));
            return Join.ok();
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            if (message instanceof AfterJoin) {
                Map<String, Object> joined = new LinkedHashMap<>();
                joined.put("status", "connected");
                joined.put("user_id", channel.assigns().get("user_id"));
                if (channel.assigns().containsKey("connect_info")) {
                    joined.put("connect_info", channel.assigns().get("connect_info"));
                }
                channel.push("joined", joined);
                Map<String, Object> entered = new LinkedHashMap<>();
                entered.put("user", ((AfterJoin) message).user());
                channel.broadcast("user_entered", entered);
            } else if ("stop".equals(message)) {
                channel.stop(ExitReason.SHUTDOWN);
            } else if (message instanceof Broadcast) {
                channel.push(((Broadcast) message).event(), ((Broadcast) message).payload());
            } else if ("push".equals(message)) {
                channel.push("info", Map.of("reason", "push"));
            } else {
                Channel.super.handleInfo(message, channel);
            }
        }

        @Override
        public Set<String> intercepts() {
            return Set.of("new_msg");
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            switch (event) {
                case "new_msg":
                    channel.broadcast("new_msg", payload);
                    return Reply.noReply();
                case "boom":
                    throw new IllegalStateException("boom");
                case "ping":
                    return Reply.ok(payload);
                case "err":
                    return Reply.error(Map.of("reason", "bad"));
                case "custom":
                    return Reply.status("accepted", List.of(1, 2));
                case "push_then_reply":
                    channel.push("pushed", Map.of("n", 1));
                    return Reply.ok();
                case "stop":
                    return Reply.stop(Reply.ok(Map.of("bye", true)));
                case "stop_silently":
                    return Reply.stop();
                case "stop_badly":
                    return Reply.stop(ExitReason.error("bad_reason"), Reply.noReply());
                case "binary_event":
                    channel.push("binary_event", Binary.of((byte) 0, (byte) 1));
                    return Reply.ok(Binary.of((byte) 1, (byte) 2, (byte) 3, (byte) 4));
                case "bcast_from":
                    channel.broadcastFrom("bcast_from", Map.of("m", 1));
                    return Reply.noReply();
                case "typed":
                    return Reply.ok(Map.of("body", payload.as(Message.class).body()));
                case "async":
                    var ref = channel.socketRef();
                    new Thread(() -> ref.reply(Reply.ok(Map.of("later", true)))).start();
                    return Reply.noReply();
                case "subscribe":
                    channel.subscribe(payload.get("topic").asText());
                    return Reply.ok();
                case "bad_push":
                    channel.push("bad", List.of(1));
                    return Reply.ok();
                default:
                    return Reply.error(Map.of("reason", "unhandled event"));
            }
        }

        @Override
        public void handleOut(String event, Payload payload, ChannelContext channel) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.putAll(payload.as(Map.class));
            out.put("transport", ":websocket");
            channel.push(event, out);
        }

        @Override
        public void terminate(ExitReason reason, ChannelContext channel) {
            socket.terminated.add(channel.topic() + " " + reason.name());
            channel.push("you_left", Map.of("message", "bye!"));
        }
    }

    /** A typed payload. */
    record Message(String body) {
    }
}
