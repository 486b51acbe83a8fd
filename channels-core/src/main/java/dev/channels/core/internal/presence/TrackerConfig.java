package dev.channels.core.internal.presence;

import java.util.Arrays;

/**
 * The tracker's settings, Phoenix's defaults in {@link #defaults()}.
 *
 * @param poolSize the number of shards; topics spread over them by a stable hash
 * @param broadcastPeriodMillis the heartbeat tick
 * @param maxSilentPeriods ticks without a change before an empty heartbeat
 * @param clockSamplePeriods ticks between two rounds of transfer requests
 * @param downPeriodMillis silence after which a replica is down
 * @param permdownPeriodMillis silence after which a replica is forgotten
 * @param maxDeltaSizes the bounds of the delta generations
 * @param permdownOnShutdown whether closing tells peers to forget this node at once
 */
public record TrackerConfig(int poolSize, long broadcastPeriodMillis, int maxSilentPeriods,
        int clockSamplePeriods, long downPeriodMillis, long permdownPeriodMillis,
        int[] maxDeltaSizes, boolean permdownOnShutdown) {

    /**
     * Checks the settings.
     *
     * @param poolSize the number of shards
     * @param broadcastPeriodMillis the heartbeat tick
     * @param maxSilentPeriods ticks before an empty heartbeat
     * @param clockSamplePeriods ticks between transfer requests
     * @param downPeriodMillis the down period
     * @param permdownPeriodMillis the permdown period
     * @param maxDeltaSizes the generation bounds
     * @param permdownOnShutdown graceful permdown on close
     * @throws IllegalArgumentException when a setting is out of range, with the rule broken
     */
    public TrackerConfig {
        require(poolSize >= 1, "poolSize must be at least 1, was " + poolSize);
        require(broadcastPeriodMillis > 0, "broadcastPeriod must be positive");
        require(maxSilentPeriods >= 1, "maxSilentPeriods must be at least 1");
        require(clockSamplePeriods >= 1, "clockSamplePeriods must be at least 1");
        require(downPeriodMillis >= 2 * broadcastPeriodMillis,
                "downPeriod must be at least 2 x broadcastPeriod (" + 2 * broadcastPeriodMillis
                        + " ms), was " + downPeriodMillis + " ms");
        require(permdownPeriodMillis > downPeriodMillis,
                "permdownPeriod must be longer than downPeriod (" + downPeriodMillis
                        + " ms), was " + permdownPeriodMillis + " ms");
        maxDeltaSizes = Arrays.copyOf(maxDeltaSizes, maxDeltaSizes.length);
    }

    /**
     * Phoenix's defaults: 1 shard, 1500 ms ticks, 10 silent periods, clock sampling every 2
     * ticks, down after 30 s, permdown after 20 min, generations of 100, 1000 and 10000.
     *
     * @return the defaults
     */
    public static TrackerConfig defaults() {
        return new TrackerConfig(1, 1500, 10, 2, 30_000, 20 * 60_000,
                DeltaGenerations.DEFAULT_SIZES, false);
    }

    /**
     * These settings with another pool size.
     *
     * @param shards the number of shards
     * @return the new settings
     */
    public TrackerConfig withPoolSize(int shards) {
        return new TrackerConfig(shards, broadcastPeriodMillis, maxSilentPeriods,
                clockSamplePeriods, downPeriodMillis, permdownPeriodMillis, maxDeltaSizes,
                permdownOnShutdown);
    }

    @Override
    public int[] maxDeltaSizes() {
        return Arrays.copyOf(maxDeltaSizes, maxDeltaSizes.length);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
