package dev.channels.testkit;

import static dev.channels.testkit.Payloads.anything;
import static dev.channels.testkit.Payloads.having;
import static dev.channels.testkit.Payloads.matching;
import static dev.channels.testkit.Payloads.withKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Binary;
import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.core.Endpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** How the kit itself behaves: matching, timeouts, failure messages, leak checks. */
class KitBehaviourTest {

    private final FooSocket fooSocket = new FooSocket();

    @RegisterExtension
    final ChannelsTestExtension kit = ChannelsTestExtension.of(
            () -> Endpoint.builder().socket("/socket", fooSocket).build());

    private TestChannel joined() {
        return kit.socket(fooSocket, Map.of("user_id", "1")).subscribeAndJoin("foo:ok").channel();
    }

    @Test
    void expectedPayloadsCompareAsJsonWithNumbersByValue() {
        TestChannel channel = joined();
        record Resp(long n, double x) {
        }

        String ref = channel.push("reply", Map.of("req", Map.of("n", 7, "x", 1)));

        channel.assertReply(ref, "ok", Map.of("resp", new Resp(7L, 1.0)));
    }

    @Test
    void partialMatchersIgnoreOtherFields() {
        TestChannel channel = joined();
        Map<String, Object> payload = Map.of("req", Map.of("id", "x-123", "body", "hi"));

        channel.assertReply(channel.push("reply", payload), "ok",
                having("resp", having(Map.of("id", anything(), "body", "hi"))));
        channel.assertReply(channel.push("reply", payload), "ok",
                having("resp", withKeys("id", "body")));
        channel.assertReply(channel.push("reply", payload), "ok", matching("an id",
                p -> p.get("resp").get("id").asText().startsWith("x-")));
        assertFalse(having("resp", having("body", "bye"))
                .matches(channel.assertReply(channel.push("reply", payload), "ok")));
    }

    @Test
    void aFailedAssertListsWhatArrivedInOrder() {
        TestChannel channel = joined();
        channel.push("noreply", Map.of("req", "first"));
        channel.push("noreply", Map.of("req", "second"));
        channel.assertPush("noreply", Map.of("resp", "second"));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> channel.assertPush("noreply", Map.of("resp", "third"),
                        Duration.ofMillis(50)));

        assertTrue(failure.getMessage().startsWith("expected a push \"noreply\" matching"
                + " {\"resp\":\"third\"} on foo:ok within 50 ms, but it did not arrive."),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Received and not yet asserted, in order:\n"
                + "  1. push \"noreply\" on foo:ok (socket 1): {\"resp\":\"first\"}"),
                failure.getMessage());
    }

    @Test
    void assertNoMoreEventsFailsOnASurprise() {
        TestChannel channel = joined();

        channel.send("push");

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                kit::assertNoMoreEvents);
        assertTrue(failure.getMessage().contains("but got push \"info\" on foo:ok"),
                failure.getMessage());
        channel.assertPush("info");
    }

    @Test
    void timeoutsAreSetPerKitAndPerCall() {
        TestChannel channel = joined();
        kit.assertTimeout(Duration.ZERO).refuteTimeout(Duration.ZERO);

        assertThrows(AssertionFailedError.class, () -> channel.assertPush("info"));
        channel.refutePush("info");

        channel.send("push");
        channel.assertPush("info", anything(), Duration.ofSeconds(5));
    }

    @Test
    void aTopicWithoutARouteFailsTheJoin() {
        TestSocket socket = kit.socket(fooSocket);

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> socket.join("nowhere:1"));

        assertTrue(failure.getMessage().startsWith("no route of the socket matches topic"),
                failure.getMessage());
    }

    @Test
    void channelOfARefusedJoinFailsLikeSubscribeAndJoinBang() {
        JoinResult joined = kit.socket(fooSocket).join("foo:error", Map.of("error", "nope"));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, joined::channel);

        assertEquals("could not join foo:error, got error: {\"reason\":\"nope\"}",
                failure.getMessage());
    }

    @Test
    void binaryPayloadsTravelAsBinaryFrames() {
        TestChannel channel = joined();

        String ref = channel.push("binary", Binary.of((byte) 9, (byte) 8));

        assertArrayEquals(new byte[] {0, 1},
                channel.assertPush("binary", Binary.of((byte) 0, (byte) 1)).binary().bytes());
        channel.assertReply(ref, "ok", Binary.of((byte) 9, (byte) 8));
    }

    @Test
    void theAssertedPayloadCanBeRead() {
        TestChannel channel = joined();

        Payload reply = channel.assertReply(channel.push("reply", Map.of("req", 5)), "ok");

        assertEquals(5L, reply.get("resp").asLong());
    }

    @Test
    void closingTheKitFailsWhenAChannelLeakedASubscription() {
        LeakySocket leaky = new LeakySocket();
        Endpoint endpoint = Endpoint.builder().socket("/socket", leaky).build();
        try {
            ChannelsTestKit standalone = ChannelsTestKit.of(endpoint);
            leaky.endpoint = endpoint;
            standalone.socket(leaky).join("leak:1").channel();

            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    standalone::close);

            assertTrue(failure.getMessage().startsWith("a subscription leaked"),
                    failure.getMessage());
        } finally {
            endpoint.shutdown(Duration.ofSeconds(1));
        }
    }

    /** A socket whose channel subscribes through the endpoint and never unsubscribes. */
    private static final class LeakySocket implements Socket {

        private volatile Endpoint endpoint;

        @Override
        public void routes(Routes routes) {
            routes.channel("leak:*", () -> new Channel() {
                @Override
                public Join join(String topic, Payload params, ChannelContext channel) {
                    endpoint.subscribe("elsewhere", broadcast -> { });
                    return Join.ok();
                }
            });
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept();
        }
    }
}
