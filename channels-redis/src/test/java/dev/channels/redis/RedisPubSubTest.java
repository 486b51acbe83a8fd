package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.redis.internal.Envelope;
import dev.channels.spi.pubsub.PubSubMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter alone on the Redis at 127.0.0.1:6379, with recording inboxes in place of
 * endpoints: what crosses, what does not, and what Redis is asked.
 */
class RedisPubSubTest {

    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<RedisPubSub> adapters = new ArrayList<>();
    private RedisProbe redis;

    @BeforeEach
    void connectTheProbe() {
        RedisProbe.assumeRedisAt(6379);
        redis = new RedisProbe(RedisProbe.URI);
    }

    @AfterEach
    void closeAdapters() {
        adapters.forEach(RedisPubSub::close);
        if (redis != null) {
            redis.close();
        }
    }

    private RedisPubSub node(String name, Inbox inbox) {
        RedisPubSub adapter = RedisPubSub.builder(RedisProbe.URI).keyPrefix(prefix).build();
        adapters.add(adapter);
        adapter.start(name, inbox);
        redis.awaitSubscribers(prefix + "node:" + name, 1);
        return adapter;
    }

    private static PubSubMessage message(String topic, String body, String from, String to) {
        return new PubSubMessage(topic, "ev", false, body.getBytes(StandardCharsets.UTF_8),
                from, to);
    }

    private static String body(PubSubMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void aMessageCrossesWithEveryFieldIntact() {
        Inbox inboxY = new Inbox();
        RedisPubSub x = node("x", new Inbox());
        RedisPubSub y = node("y", inboxY);
        y.subscribe("room:1");
        redis.awaitSubscribers(prefix + "room:1", 1);

        x.publish(new PubSubMessage("room:1", "bin", true, new byte[] {0, 1, 2}, "x", null));

        PubSubMessage received = inboxY.next();
        assertEquals("room:1", received.topic());
        assertEquals("bin", received.event());
        assertTrue(received.binary());
        assertArrayEquals(new byte[] {0, 1, 2}, received.payload());
        assertEquals("x", received.originNode());
        Await.until(Duration.ofSeconds(5), () -> x.stats().published() == 1
                && y.stats().received() == 1, () -> x.stats() + " / " + y.stats());
    }

    @Test
    void aNodeDoesNotHearItsOwnBroadcastsBackFromRedis() {
        Inbox inboxX = new Inbox();
        Inbox inboxY = new Inbox();
        RedisPubSub x = node("x", inboxX);
        RedisPubSub y = node("y", inboxY);
        x.subscribe("room:1");
        y.subscribe("room:1");
        redis.awaitSubscribers(prefix + "room:1", 2);

        x.publish(message("room:1", "{\"n\":1}", "x", null));
        assertEquals("{\"n\":1}", body(inboxY.next()));
        y.publish(message("room:1", "{\"n\":2}", "y", null));

        assertEquals("{\"n\":2}", body(inboxX.next()));
        inboxX.expectNothingMore();
        inboxY.expectNothingMore();
    }

    @Test
    void aMessageForOneNodeReachesThatNodeOnly() {
        Inbox inboxY = new Inbox();
        Inbox inboxZ = new Inbox();
        RedisPubSub x = node("x", new Inbox());
        node("y", inboxY);
        node("z", inboxZ);

        x.publish(message("presence", "{\"to\":\"y\"}", "x", "y"));
        PubSubMessage received = inboxY.next();
        x.publish(message("presence", "{\"to\":\"z\"}", "x", "z"));

        assertEquals("y", received.targetNode());
        assertEquals("{\"to\":\"z\"}", body(inboxZ.next()));
        inboxY.expectNothingMore();
        inboxZ.expectNothingMore();
    }

    @Test
    void subscribeCallsThatRepeatOrCancelOutEndInTheLastWish() {
        RedisPubSub x = node("x", new Inbox());

        x.subscribe("a");
        x.unsubscribe("a");
        x.subscribe("a");
        x.subscribe("a");
        x.subscribe("b");
        x.unsubscribe("b");
        x.unsubscribe("c");
        x.subscribe("marker");
        redis.awaitSubscribers(prefix + "marker", 1);

        assertEquals(List.of(prefix + "a", prefix + "marker"),
                redis.channels(prefix + "[^n]*"));
        x.unsubscribe("a");
        redis.awaitSubscribers(prefix + "a", 0);
        assertEquals(1, x.stats().topics());
    }

    @Test
    void malformedAndNewerEnvelopesAreIgnoredAndCounted() {
        Inbox inboxY = new Inbox();
        RedisPubSub x = node("x", new Inbox());
        RedisPubSub y = node("y", inboxY);
        y.subscribe("room:1");
        redis.awaitSubscribers(prefix + "room:1", 1);

        redis.publish(prefix + "room:1", "{\"not\":\"an envelope\"}".getBytes(
                StandardCharsets.UTF_8));
        redis.publish(prefix + "room:1", new byte[0]);
        byte[] newer = Envelope.encode(message("room:1", "{}", "w", null));
        newer[1] = 2;
        redis.publish(prefix + "room:1", newer);
        redis.publish(prefix + "room:1", newer);
        x.publish(message("room:1", "{\"ok\":true}", "x", null));

        assertEquals("{\"ok\":true}", body(inboxY.next()));
        inboxY.expectNothingMore();
        RedisPubSubStats stats = y.stats();
        assertEquals(2, stats.malformed());
        assertEquals(2, stats.unsupported());
        assertEquals(1, stats.received());
    }

    @Test
    void publishingWithoutSubscribersAnywhereCostsNothingAndLosesNothing() {
        RedisPubSub x = node("x", new Inbox());

        for (int i = 0; i < 1_000; i++) {
            x.publish(message("room:empty", "{}", "x", null));
        }

        Await.until(Duration.ofSeconds(5), () -> x.stats().published() == 1_000,
                () -> x.stats().toString());
        assertEquals(0, x.stats().dropped());
    }
}
