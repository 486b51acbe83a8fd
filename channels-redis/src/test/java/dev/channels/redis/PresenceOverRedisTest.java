package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.core.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The presence tracker replicates through {@link RedisPubSub}: deltas in heartbeats reach
 * running nodes, and a node that starts later catches up through a transfer (a direct send
 * to one node), since the deltas it missed are never broadcast again.
 */
class PresenceOverRedisTest {

    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<Endpoint> nodes = new ArrayList<>();

    @BeforeEach
    void needRedis() {
        RedisProbe.assumeRedisAt(6379);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(node -> node.shutdown(Duration.ofSeconds(1)));
    }

    private Endpoint node(String name) {
        Endpoint endpoint = Endpoint.builder().socket("/socket", new ChatSocket())
                .pubSub(RedisPubSub.builder(RedisProbe.URI).keyPrefix(prefix).build())
                .nodeName(name)
                .presenceTiming(Duration.ofMillis(100), Duration.ofSeconds(2),
                        Duration.ofSeconds(60))
                .build();
        nodes.add(endpoint);
        return endpoint;
    }

    @Test
    void aDeltaReachesARunningNodeAndATransferCatchesUpALateOne() {
        Endpoint a = node("a");
        Endpoint b = node("b");
        try (RedisProbe redis = new RedisProbe(RedisProbe.URI)) {
            redis.awaitSubscribers(prefix + "phx_presence:0", 2);
        }
        a.presence().track(new Object(), "room:p", "user-a", Map.of());
        b.presence().track(new Object(), "room:p", "user-b", Map.of());
        for (Endpoint node : List.of(a, b)) {
            Await.until(Duration.ofSeconds(10), () -> node.presence().list("room:p").size() == 2,
                    () -> node.nodeName() + " lists " + node.presence().list("room:p"));
        }

        Endpoint late = node("c");

        Await.until(Duration.ofSeconds(10), () -> late.presence().list("room:p").size() == 2,
                () -> "c lists " + late.presence().list("room:p"));
        assertEquals(Set.of("user-a", "user-b"), late.presence().list("room:p").keySet());
    }
}
