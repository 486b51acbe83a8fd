package dev.channels.redis.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: the minimum, doubling after each failure up to the
 * maximum, each spread by up to a fifth either way so that nodes which lost Redis together
 * do not return in step.
 *
 * @param min the first delay
 * @param max the longest delay
 */
public record Backoff(Duration min, Duration max) {

    /**
     * Checks the bounds.
     *
     * @param min the first delay
     * @param max the longest delay
     */
    public Backoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnect delays must be positive with min <= max,"
                    + " got min " + min + " and max " + max);
        }
    }

    /**
     * The delay before an attempt.
     *
     * @param failures the attempts that failed since the last success
     * @return the delay in milliseconds
     */
    public long delayMillis(int failures) {
        long base = min.toMillis();
        long cap = max.toMillis();
        long delay = failures >= 30 ? cap : Math.min(cap, base << Math.min(failures, 30));
        long spread = delay / 5;
        long jitter = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return Math.max(1, delay + jitter);
    }
}
