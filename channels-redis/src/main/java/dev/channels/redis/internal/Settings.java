package dev.channels.redis.internal;

import java.time.Duration;

/**
 * An adapter's settings, checked by its builder.
 *
 * @param uri the Redis URI, as Lettuce reads it
 * @param keyPrefix prepended to every channel name
 * @param backoff delays between reconnect attempts
 * @param maxPendingMessages the most messages waiting to be published
 * @param maxPendingBytes the most envelope bytes waiting to be published
 * @param maxInFlight the most publishes sent and not yet answered
 * @param batchSize the most channels in one SUBSCRIBE or UNSUBSCRIBE
 * @param connectTimeout how long one connection attempt may take
 * @param commandTimeout how long Redis may take to answer a command
 */
public record Settings(String uri, String keyPrefix, Backoff backoff, int maxPendingMessages,
        long maxPendingBytes, int maxInFlight, int batchSize, Duration connectTimeout,
        Duration commandTimeout) {
}
