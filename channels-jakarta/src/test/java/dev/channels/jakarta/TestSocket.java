package dev.channels.jakarta;

import dev.channels.Binary;
import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectInfo;
import dev.channels.ConnectRequest;
import dev.channels.ExitReason;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Presence;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.SocketInfo;
import dev.channels.core.Endpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test app of Phoenix's transport tests (PROTOCOL.md §12), served over the network: a
 * room that pushes "joined" and broadcasts "user_entered" after a join, intercepts
 * "new_msg" and adds the transport to it, crashes on "boom", answers "connect_info" with
 * what the transport saw, and says "you_left" from terminate. A "presence:*" room tracks
 * its user as PROTOCOL.md §5.2 shows, updates {@code typing} on "typing" and crashes on
 * "boom".
 */
public final class TestSocket implements Socket {

    /** How many pushes one "flood" event queues before its reply. */
    static final int FLOOD = 200;

    /** Every terminate call, in order, as "topic reason". */
    final List<String> terminated = new CopyOnWriteArrayList<>();
    /** How many "flood" events were handled. */
    final AtomicInteger floods = new AtomicInteger();
    /** The endpoint serving this socket, for "disconnect_me". */
    volatile Endpoint endpoint;

    @Override
    public void routes(Routes routes) {
        routes.channel("room:*", () -> new RoomChannel(this));
        routes.channel("presence:*", () -> new PresenceChannel(this));
    }

    @Override
    public Connect connect(ConnectRequest request) {
        if ("true".equals(request.param("reject"))) {
            return Connect.refuse();
        }
        if ("true".equals(request.param("rate_limit"))) {
            return Connect.refuse(429, "rate limited");
        }
        if (request.param("auth") != null
                && !request.param("auth").equals(request.info().authToken().orElse(null))) {
            return Connect.refuse();
        }
        Map<String, Object> assigns = new LinkedHashMap<>();
        if (request.param("user_id") != null) {
            assigns.put("user_id", request.param("user_id"));
        }
        assigns.put("transport", ":" + request.info().transport());
        assigns.put("connect_info", connectInfo(request));
        return Connect.accept(assigns);
    }

    private static Map<String, Object> connectInfo(ConnectRequest request) {
        ConnectInfo info = request.info();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("auth_token", info.authToken().orElse(null));
        map.put("params", request.params());
        info.peer().ifPresent(peer -> map.put("peer_data", Map.of(
                "address", peer.getAddress().getHostAddress(), "port", peer.getPort())));
        map.put("trace_context_headers", info.traceContextHeaders());
        Map<String, Object> uri = new LinkedHashMap<>();
        uri.put("host", info.uri().getHost());
        uri.put("path", info.uri().getRawPath());
        uri.put("port", info.uri().getPort());
        uri.put("query", info.uri().getRawQuery());
        uri.put("scheme", info.uri().getScheme());
        map.put("uri", uri);
        map.put("user_agent", info.userAgent().orElse(null));
        map.put("x_headers", info.xHeaders());
        return map;
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
            String user = params.isObject()
                    ? params.find("user").map(Payload::asText).orElse(null) : null;
            channel.send(new AfterJoin(user));
            return Join.ok();
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            if (message instanceof AfterJoin after) {
                Map<String, Object> joined = new LinkedHashMap<>();
                joined.put("status", "connected");
                joined.put("user_id", channel.assigns().get("user_id"));
                channel.push("joined", joined);
                Map<String, Object> entered = new LinkedHashMap<>();
                entered.put("user", after.user());
                channel.broadcast("user_entered", entered);
            } else {
                Channel.super.handleInfo(message, channel);
            }
        }

        @Override
        public Set<String> intercepts() {
            return Set.of("new_msg", "bin_ack");
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            switch (event) {
                case "new_msg":
                    channel.broadcast("new_msg", payload);
                    return Reply.noReply();
                case "boom":
                    throw new IllegalStateException("boom on purpose");
                case "ping":
                    return Reply.ok(payload);
                case "connect_info":
                    return Reply.ok(channel.assigns().get("connect_info"));
                case "binary_event":
                    channel.push("binary_event", Binary.of((byte) 0, (byte) 1));
                    return Reply.ok(Binary.of((byte) 1, (byte) 2, (byte) 3, (byte) 4));
                case "bin":
                    channel.broadcast("bin_ack", Map.of());
                    return Reply.noReply();
                case "flood":
                    for (int i = 1; i <= FLOOD; i++) {
                        channel.push("flood", Map.of("n", i));
                    }
                    socket.floods.incrementAndGet();
                    return Reply.ok();
                case "disconnect_me":
                    socket.endpoint.disconnect(channel.socketId().orElseThrow());
                    return Reply.noReply();
                case "bcast_from":
                    channel.broadcastFrom("bcast_from", payload);
                    return Reply.noReply();
                default:
                    return Reply.error(Map.of("reason", "unhandled event"));
            }
        }

        @Override
        public void handleOut(String event, Payload payload, ChannelContext channel) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (payload.isObject()) {
                out.putAll(payload.as(Map.class));
            }
            out.put("transport", channel.assigns().get("transport"));
            channel.push(event, out);
        }

        @Override
        public void terminate(ExitReason reason, ChannelContext channel) {
            socket.terminated.add(channel.topic() + " " + reason.name());
            channel.push("you_left", Map.of("message", "bye!"));
        }
    }

    /** Tracks {@code {"user": u}} with {@code {"typing": false}} after joining. */
    static final class PresenceChannel implements Channel {

        private final TestSocket socket;
        private String user;

        PresenceChannel(TestSocket socket) {
            this.socket = socket;
        }

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            user = params.find("user").map(Payload::asText).orElse("anonymous");
            channel.send("after_join");
            return Join.ok();
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            Presence presence = socket.endpoint.presence();
            presence.track(channel, user, Map.of("typing", false));
            channel.push("presence_state", presence.list(channel.topic()));
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            switch (event) {
                case "typing":
                    boolean typing = payload.find("typing").map(Payload::asBoolean)
                            .orElse(false);
                    socket.endpoint.presence().update(channel, user, Map.of("typing", typing));
                    return Reply.ok();
                case "boom":
                    throw new IllegalStateException("boom on purpose");
                default:
                    return Reply.error(Map.of("reason", "unhandled event"));
            }
        }
    }
}
