package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.ChannelsListener;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a callback may do with its context (§4.3 item 8, §4.9, §12.6 item 76), and the
 * listener's events with filtered parameters (§11).
 */
class ChannelContextTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final Endpoint endpoint = Endpoint.builder()
            .socket("/socket", new Socket() {
                @Override
                public void routes(Routes routes) {
                    routes.channel("ctx:*", ContextChannel::new);
                }

                @Override
                public Connect connect(ConnectRequest request) {
                    return Connect.accept(Map.of("user_id", "u1"));
                }
            })
            .listener(new ChannelsListener() {
                @Override
                public void connected(Connected event) {
                    events.add(event);
                }

                @Override
                public void joined(Joined event) {
                    events.add(event);
                }

                @Override
                public void handledIn(HandledIn event) {
                    events.add(event);
                }

                @Override
                public void left(Left event) {
                    events.add(event);
                }

                @Override
                public void closed(Closed event) {
                    events.add(event);
                }
            })
            .build();

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    private final class ContextChannel implements Channel {

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            try {
                channel.push("too_early", Map.of());
            } catch (IllegalStateException expected) {
                errors.add(expected.getMessage());
            }
            try {
                channel.socketRef();
            } catch (IllegalStateException expected) {
                errors.add(expected.getMessage());
            }
            channel.assign("joined_at", "t0");
            return Join.ok(Map.of("ref", channel.joinRef(), "id", channel.socketId().orElse("")));
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            if (event.equals("assigns")) {
                return Reply.ok(channel.assigns());
            }
            channel.sendAfter("later", Duration.ofMillis(1));
            return Reply.noReply();
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            channel.push("info", Map.of("message", message));
        }
    }

    @Test
    void pushAndSocketRefAreRefusedInsideJoinWithATeachingMessage() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['7','7','ctx:1','phx_join',{}]")
                    .expect("['7','7','ctx:1','phx_reply',{'response':{'id':'','ref':'7'},"
                            + "'status':'ok'}]");
        }
        assertEquals(List.of("push is not allowed inside join: the channel is not joined yet."
                + " Send a message to the channel (channel.send(...)) and push from handleInfo,"
                + " which runs after the join reply", "socketRef() is only available inside"
                + " handleIn, for a client message that carries a ref"), errors);
    }

    @Test
    void assignsAddedInJoinAreKeptBesideTheSocketAssigns() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['7','7','ctx:1','phx_join',{}]").next();
            wire.send("['7','8','ctx:1','assigns',{}]")
                    .expect("['7','8','ctx:1','phx_reply',{'response':{'joined_at':'t0',"
                            + "'user_id':'u1'},'status':'ok'}]");
        }
    }

    @Test
    void aDelayedMessageReachesHandleInfo() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['7','7','ctx:1','phx_join',{}]").next();
            wire.send("['7','8','ctx:1','timer',{}]")
                    .expect("['7',null,'ctx:1','info',{'message':'later'}]");
        }
    }

    @Test
    void theListenerSeesEachStepWithSecretsFiltered() {
        Wire wire = Wire.connect(endpoint, Map.of("vsn", "2.0.0", "token", "s3cret"));
        wire.send("['7','7','ctx:1','phx_join',{'join':'yes','password':'no'}]").next();
        wire.send("['7','8','ctx:1','assigns',{}]").next();
        wire.send("['7','9','ctx:1','phx_leave',{}]").next();
        wire.close();
        ChannelConformanceTest.awaitTrue(() -> events.stream()
                .anyMatch(event -> event instanceof ChannelsListener.Closed));

        ChannelConformanceTest.awaitTrue(() -> events.stream()
                .anyMatch(event -> event instanceof ChannelsListener.Left));
        ChannelsListener.Connected connected = (ChannelsListener.Connected) events.get(0);
        assertEquals(Map.of("vsn", "2.0.0", "token", "[FILTERED]"), connected.params());
        assertTrue(connected.accepted());
        ChannelsListener.Joined joined = (ChannelsListener.Joined) events.get(1);
        assertEquals("{\"join\":\"yes\",\"password\":\"[FILTERED]\"}", joined.params());
        assertEquals("assigns", ((ChannelsListener.HandledIn) events.get(2)).event());
        assertEquals("shutdown:left", events.stream()
                .filter(event -> event instanceof ChannelsListener.Left)
                .map(event -> ((ChannelsListener.Left) event).reason().name())
                .findFirst().orElseThrow());
    }
}
