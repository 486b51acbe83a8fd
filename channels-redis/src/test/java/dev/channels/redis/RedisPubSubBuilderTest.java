package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.spi.pubsub.PubSubMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration and misuse, without a Redis. */
class RedisPubSubBuilderTest {

    @Test
    void aUriThatIsNotRedisIsRefusedWithTheExpectedForms() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RedisPubSub.create("http://:secret@example.com"));

        assertTrue(refused.getMessage().contains("redis://"), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret"), refused.getMessage());
    }

    @Test
    void passwordsNeverReachToString() {
        RedisPubSub adapter = RedisPubSub.builder("redis://user:secret@127.0.0.1:6379/2")
                .keyPrefix("chat:").build();

        assertEquals("RedisPubSub[redis://127.0.0.1:6379/2, prefix chat:]", adapter.toString());
    }

    @Test
    void tlsSentinelAndDatabaseUrisAreAccepted() {
        RedisPubSub.create("rediss://:secret@redis.example.com:6380/3");
        RedisPubSub.create("redis-sentinel://:secret@s1:26379,s2:26379/0#mymaster");
    }

    @Test
    void anAdapterThatIsNotStartedSaysHowToStartIt() {
        RedisPubSub adapter = RedisPubSub.create("redis://127.0.0.1:6379");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> adapter.subscribe("room:1"));
        assertTrue(refused.getMessage().contains("Endpoint.builder().pubSub"));
        assertThrows(IllegalStateException.class, () -> adapter.publish(
                new PubSubMessage("t", "e", false, new byte[0], "a", null)));
        assertFalse(adapter.stats().connected());
        adapter.close();
    }

    @Test
    void anAdapterServesOneEndpointOnly() {
        RedisPubSub adapter = RedisPubSub.builder("redis://127.0.0.1:1")
                .connectTimeout(Duration.ofMillis(200)).build();
        adapter.start("a", message -> { });
        try {
            assertThrows(IllegalStateException.class, () -> adapter.start("b", message -> { }));
        } finally {
            adapter.close();
        }
    }

    @Test
    void limitsMustBePositive() {
        RedisPubSub.Builder builder = RedisPubSub.builder("redis://127.0.0.1:6379");

        assertThrows(IllegalArgumentException.class, () -> builder.outgoingLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.outgoingLimit(1, 0));
        assertThrows(IllegalArgumentException.class, () -> builder.resubscribeBatch(0));
        assertThrows(IllegalArgumentException.class,
                () -> builder.reconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> builder.connectTimeout(Duration.ZERO));
    }
}
