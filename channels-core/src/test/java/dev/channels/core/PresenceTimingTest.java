package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Endpoint.Builder#presenceTiming}: Phoenix's rules for the periods, and a shortened
 * down period taking effect between two endpoints on an in-memory hub: a node that falls
 * silent is marked down, and its presences leave, well before Phoenix's default 30 s (the
 * tests wait at most 10 s); a node that is merely idle keeps sending empty heartbeats often
 * enough not to be.
 */
class PresenceTimingTest {

    private final Hub hub = new Hub();
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDown() {
        endpoints.forEach(endpoint -> endpoint.shutdown(Duration.ofSeconds(1)));
        hub.close();
    }

    @Test
    void aDownPeriodShorterThanTwoBroadcastPeriodsIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.builder().presenceTiming(Duration.ofMillis(500),
                        Duration.ofMillis(999), Duration.ofSeconds(60)));

        assertTrue(error.getMessage().contains("downPeriod must be at least 2 x"),
                error.getMessage());
    }

    @Test
    void aPermdownPeriodNotLongerThanTheDownPeriodIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.builder().presenceTiming(Duration.ofMillis(100),
                        Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertTrue(error.getMessage().contains("permdownPeriod must be longer"),
                error.getMessage());
    }

    @Test
    void aZeroBroadcastPeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.builder()
                .presenceTiming(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void aSilentNodeIsMarkedDownAfterTheShortenedDownPeriodAndItsPresencesLeave() {
        Endpoint a = endpoint("a");
        Endpoint b = endpoint("b");
        b.presence().track(new Object(), "room:t", "user-b", Map.of());
        a.presence().track(new Object(), "room:t", "user-a", Map.of());
        awaitWithin(Duration.ofSeconds(10), () -> a.presence().list("room:t").size() == 2);

        hub.silence("b");

        awaitWithin(Duration.ofSeconds(10), () -> a.presence().list("room:t").size() == 1);
        assertEquals(List.of("user-a"), List.copyOf(a.presence().list("room:t").keySet()));
    }

    @Test
    void anIdleNodeKeepsBeingHeardWithinTheShortenedDownPeriod() {
        Endpoint a = endpoint("a");
        Endpoint b = endpoint("b");
        b.presence().track(new Object(), "room:t", "user-b", Map.of());
        awaitWithin(Duration.ofSeconds(10), () -> a.presence().list("room:t").size() == 1);
        int before = hub.heartbeatsFrom("b");

        awaitWithin(Duration.ofSeconds(10), () -> hub.heartbeatsFrom("b") >= before + 4);

        assertEquals(1, a.presence().list("room:t").size(), "b was taken down while idle");
    }

    private Endpoint endpoint(String name) {
        Endpoint endpoint = Endpoint.builder().socket("/socket", new NoChannels())
                .nodeName(name).pubSub(hub.adapter())
                .presenceTiming(Duration.ofMillis(100), Duration.ofMillis(1000),
                        Duration.ofSeconds(60))
                .build();
        endpoints.add(endpoint);
        return endpoint;
    }

    private static void awaitWithin(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + limit);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A socket with no channels: these tests use presence directly. */
    private static final class NoChannels implements Socket {

        @Override
        public void routes(Routes routes) {
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept();
        }
    }

    /**
     * Nodes in one JVM that hear each other's messages on one delivery thread, in order; a
     * silenced node's messages are dropped, as if it had been killed.
     */
    private static final class Hub implements AutoCloseable {

        private final ExecutorService delivery = Executors.newSingleThreadExecutor();
        private final Map<String, PubSubAdapter.Inbox> inboxes =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, Integer> heartbeats =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Set<String> silenced =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        PubSubAdapter adapter() {
            return new PubSubAdapter() {
                @Override
                public void start(String node, Inbox inbox) {
                    inboxes.put(node, inbox);
                }

                @Override
                public void subscribe(String topic) {
                }

                @Override
                public void unsubscribe(String topic) {
                }

                @Override
                public void publish(PubSubMessage message) {
                    Hub.this.publish(message);
                }

                @Override
                public void close() {
                }
            };
        }

        void silence(String node) {
            silenced.add(node);
        }

        int heartbeatsFrom(String node) {
            return heartbeats.getOrDefault(node, 0);
        }

        private void publish(PubSubMessage message) {
            if (silenced.contains(message.originNode())) {
                return;
            }
            if (message.topic().startsWith("phx_presence:") && message.targetNode() == null) {
                heartbeats.merge(message.originNode(), 1, Integer::sum);
            }
            delivery.execute(() -> inboxes.forEach((node, inbox) -> {
                if (!node.equals(message.originNode())) {
                    inbox.deliver(message);
                }
            }));
        }

        @Override
        public void close() {
            delivery.shutdownNow();
        }
    }
}
