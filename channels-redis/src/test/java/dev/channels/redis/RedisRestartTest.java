package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.channels.Broadcast;
import dev.channels.core.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis crashes and comes back under two nodes: local delivery never stops, cross-node
 * delivery resumes by itself, every topic is subscribed again, and what could not wait is
 * dropped and counted. The test runs its own redis-server on a free port.
 */
class RedisRestartTest {

    private static final Pattern SHOUT = Pattern.compile("\\{\"n\":(\\d+)}]$");

    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<Endpoint> nodes = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        assumeTrue(RedisServer.installed(), "redis-server is not on the PATH (apt-get install"
                + " redis-server, or run .ci/run): skipping the Redis restart tests");
        redis = RedisServer.start();
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(ChatClient::close);
        nodes.forEach(node -> node.shutdown(Duration.ofSeconds(1)));
        if (redis != null) {
            redis.close();
        }
    }

    private Endpoint node(String name, RedisPubSub adapter) {
        Endpoint endpoint = Endpoint.builder().socket("/socket", new ChatSocket())
                .pubSub(adapter).nodeName(name).build();
        nodes.add(endpoint);
        return endpoint;
    }

    private RedisPubSub.Builder adapter() {
        return RedisPubSub.builder(redis.uri()).keyPrefix(prefix)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    private ChatClient client(Endpoint node, String topic) {
        ChatClient client = ChatClient.connect(node).join(topic);
        clients.add(client);
        return client;
    }

    private void awaitSubscribers(String channel, long count) {
        try (RedisProbe probe = new RedisProbe(redis.uri())) {
            probe.awaitSubscribers(channel, count);
        }
    }

    @Test
    void localDeliveryNeverStopsAndCrossNodeDeliveryResumesWithinFiveSeconds() {
        RedisPubSub adapterA = adapter().build();
        RedisPubSub adapterB = adapter().build();
        Endpoint a = node("a", adapterA);
        Endpoint b = node("b", adapterB);
        ChatClient sender = client(a, "room:r");
        ChatClient local = client(a, "room:r");
        ChatClient remote = client(b, "room:r");
        awaitSubscribers(prefix + "room:r", 2);
        Traffic traffic = new Traffic(sender, local);

        for (int i = 0; i < 20; i++) {
            remote.expect("[null,null,'room:r','shout',{'n':" + traffic.step() + "}]");
        }

        redis.kill();
        long outage = System.nanoTime();
        while (adapterA.stats().connected() || adapterB.stats().connected()) {
            traffic.step();
            assertTrue(System.nanoTime() - outage < TimeUnit.SECONDS.toNanos(5),
                    "the adapters did not notice that Redis died");
        }
        for (int i = 0; i < 20; i++) {
            traffic.step();
        }

        redis.startAgain();
        long restarted = System.nanoTime();
        int firstAfterRestart = traffic.step();
        boolean resumed = false;
        while (!resumed) {
            assertTrue(System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(5),
                    "no broadcast crossed from a to b within 5 s of the restart; "
                            + adapterA.stats() + " / " + adapterB.stats());
            String frame = remote.poll(Duration.ofMillis(20));
            Matcher shout = frame == null ? null : SHOUT.matcher(frame);
            resumed = shout != null && shout.find()
                    && Integer.parseInt(shout.group(1)) >= firstAfterRestart;
            traffic.step();
        }

        Await.until(Duration.ofSeconds(5), () -> adapterB.stats().connected(),
                () -> adapterB.stats().toString());
        remote.push("room:r", "shout_from", "{'from':'b'}");
        sender.expect("[null,null,'room:r','shout',{'from':'b'}]");
        local.expect("[null,null,'room:r','shout',{'from':'b'}]");
    }

    @Test
    void everyTopicIsSubscribedAgainAfterARestart() {
        RedisPubSub adapterB = adapter().resubscribeBatch(500).build();
        Endpoint a = node("a", adapter().build());
        Endpoint b = node("b", adapterB);
        LinkedBlockingQueue<Broadcast> heard = new LinkedBlockingQueue<>();
        for (int i = 0; i < 1_200; i++) {
            b.subscribe("bulk:" + i, heard::add);
        }
        awaitSubscribers(prefix + "bulk:1199", 1);
        awaitSubscribers(prefix + "node:a", 1);

        redis.kill();
        Await.until(Duration.ofSeconds(5), () -> !adapterB.stats().connected(),
                () -> "b did not notice that Redis died");
        redis.startAgain();

        try (RedisProbe probe = new RedisProbe(redis.uri())) {
            Await.until(Duration.ofSeconds(5), () -> probe.channels(prefix + "bulk:*").size()
                    == 1_200, () -> probe.channels(prefix + "bulk:*").size() + " of 1200");
            probe.awaitSubscribers(prefix + "node:a", 1);
        }
        assertEquals(1_200 + 1, adapterB.stats().topics(), "the bulk topics and phx_presence:0");
        a.broadcast("bulk:1199", "hello", Map.of("again", true));
        Broadcast broadcast = poll(heard);
        assertEquals("bulk:1199", broadcast.topic());
        assertEquals("hello", broadcast.event());
    }

    @Test
    void messagesBeyondTheOutgoingLimitAreDroppedAndCounted() {
        RedisPubSub adapterA = adapter().outgoingLimit(10, 1024 * 1024).build();
        Endpoint a = node("a", adapterA);
        awaitSubscribers(prefix + "node:a", 1);

        redis.kill();
        Await.until(Duration.ofSeconds(5), () -> !adapterA.stats().connected(),
                () -> "a did not notice that Redis died");
        for (int i = 0; i < 30; i++) {
            a.broadcast("room:r", "shout", Map.of("n", i));
        }
        assertEquals(20, adapterA.stats().dropped());

        redis.startAgain();
        Await.until(Duration.ofSeconds(5), () -> adapterA.stats().published() == 10,
                () -> adapterA.stats().toString());
        assertEquals(20, adapterA.stats().dropped());
    }

    private static Broadcast poll(LinkedBlockingQueue<Broadcast> queue) {
        try {
            Broadcast next = queue.poll(5, TimeUnit.SECONDS);
            assertNotNull(next, "no broadcast within 5 s");
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Steady traffic on node a: each step broadcasts the next number from the sender to
     * the room (broadcastFrom, so the sender hears nothing) and checks that the other local
     * client receives it within a second, Redis or no Redis.
     */
    private static final class Traffic {

        private final ChatClient sender;
        private final ChatClient local;
        private int next;

        Traffic(ChatClient sender, ChatClient local) {
            this.sender = sender;
            this.local = local;
        }

        int step() {
            int n = next++;
            sender.push("room:r", "shout_from", "{'n':" + n + "}");
            assertEquals(ChatClient.frame("[null,null,'room:r','shout',{'n':" + n + "}]"),
                    local.poll(Duration.ofSeconds(1)), "local delivery of " + n);
            return n;
        }
    }
}
