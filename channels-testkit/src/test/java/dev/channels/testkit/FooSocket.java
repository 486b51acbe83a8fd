package dev.channels.testkit;

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
import dev.channels.SocketRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The socket and channel of Phoenix's own ChannelTest tests (PROTOCOL.md §12.7), in Java: one
 * event or message per behaviour under test. Records every terminate, in order.
 */
final class FooSocket implements Socket {

    /** Each terminate, as "topic reason". */
    private final BlockingQueue<String> terminated = new LinkedBlockingQueue<>();
    /** Replies a later SocketRef answers with, handed over by the test. */
    final BlockingQueue<SocketRef> pendingReplies = new LinkedBlockingQueue<>();

    @Override
    public void routes(Routes routes) {
        routes.channel("foo:*", () -> new FooChannel(this));
        routes.channel("assigned:*", () -> new FooChannel(this),
                Map.of("user_socket_assigns", true));
    }

    @Override
    public Connect connect(ConnectRequest request) {
        if ("true".equals(request.param("reject"))) {
            return Connect.refuse();
        }
        return Connect.accept(Map.of("user_id", request.params().getOrDefault("user_id", "123")));
    }

    @Override
    public Optional<String> id(SocketInfo socket) {
        return Optional.of("user:" + socket.assigns().get("user_id"));
    }

    /**
     * The next terminate, waiting up to 5 s for it (returning as soon as it comes).
     *
     * @return "topic reason", or null when none came
     */
    String nextTerminate() throws InterruptedException {
        return terminated.poll(5, TimeUnit.SECONDS);
    }

    /** Whether no terminate is waiting to be read. */
    boolean noMoreTerminates() {
        return terminated.isEmpty();
    }

    /** A channel with one behaviour per event and message. */
    static final class FooChannel implements Channel {

        private final FooSocket socket;

        FooChannel(FooSocket socket) {
            this.socket = socket;
        }

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            switch (topic) {
                case "foo:error":
                    return Join.error(Map.of("reason", params.get("error").asText()));
                case "foo:crash":
                    throw new IllegalStateException("join crashed on purpose");
                case "foo:external":
                    channel.subscribe("external:topic");
                    return Join.ok();
                case "foo:payload":
                    return Join.ok(Map.of("has_string", params.isObject()
                            && params.as(Map.class).containsKey("string")));
                default:
                    return Join.ok();
            }
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            switch (event) {
                case "noreply":
                    channel.push("noreply", Map.of("resp", payload.get("req").value()));
                    return Reply.noReply();
                case "reply":
                    return Reply.ok(payload.find("req")
                            .map(req -> Map.of("resp", req.value())).orElse(Map.of()));
                case "async":
                    socket.pendingReplies.add(channel.socketRef());
                    return Reply.noReply();
                case "crash":
                    throw new IllegalStateException("crashed on purpose");
                case "stop":
                    return Reply.stop();
                case "stop_and_reply":
                    return Reply.stop(Reply.ok(Map.of("resp", "foo")));
                case "broadcast":
                    channel.broadcastFrom("broadcast", Map.of("foo", "bar"));
                    return Reply.noReply();
                case "assigns":
                    return Reply.ok(channel.assigns());
                case "binary":
                    channel.push("binary", Binary.of((byte) 0, (byte) 1));
                    return Reply.ok(payload);
                default:
                    return Reply.error(Map.of("reason", "unhandled event"));
            }
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            if ("stop".equals(message)) {
                channel.stop(ExitReason.SHUTDOWN);
            } else if ("push".equals(message)) {
                channel.push("info", Map.of("reason", "push"));
            } else if ("broadcast".equals(message)) {
                channel.broadcast("info", Map.of("reason", "broadcast"));
            } else if (message instanceof Broadcast) {
                Broadcast broadcast = (Broadcast) message;
                channel.push(broadcast.event(), broadcast.payload());
            } else {
                Channel.super.handleInfo(message, channel);
            }
        }

        @Override
        public Set<String> intercepts() {
            return Set.of("stop", "intercepted");
        }

        @Override
        public void handleOut(String event, Payload payload, ChannelContext channel) {
            if ("stop".equals(event)) {
                channel.stop(ExitReason.SHUTDOWN);
                return;
            }
            Map<String, Object> seen = new LinkedHashMap<>(payload.as(Map.class));
            seen.put("seen_by", channel.joinRef());
            channel.push(event, seen);
        }

        @Override
        public void terminate(ExitReason reason, ChannelContext channel) {
            socket.terminated.add(channel.topic() + " " + reason.name());
        }
    }
}
