package dev.channels.redis.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private static void assertAround(long expected, long actual) {
        assertTrue(actual >= expected * 4 / 5 && actual <= expected * 6 / 5,
                actual + " is not within a fifth of " + expected);
    }

    @Test
    void theDelayDoublesAfterEachFailureUpToTheMaximum() {
        for (int i = 0; i < 20; i++) {
            assertAround(100, backoff.delayMillis(0));
            assertAround(200, backoff.delayMillis(1));
            assertAround(1600, backoff.delayMillis(4));
            assertAround(2000, backoff.delayMillis(5));
            assertAround(2000, backoff.delayMillis(1_000));
        }
    }

    @Test
    void boundsMustBePositiveAndOrdered() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
