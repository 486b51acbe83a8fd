package dev.channels.examples.chat;

import dev.channels.core.Endpoint;
import dev.channels.redis.RedisPubSub;
import java.time.Duration;
import java.util.Map;

/**
 * Joins other nodes through Redis when {@code REDIS_URL} is set, named by {@code NODE_NAME}.
 *
 * <p>Presence timing between nodes, for tests and operators: {@code PRESENCE_BROADCAST_PERIOD_MS}
 * (default 1500), {@code PRESENCE_DOWN_PERIOD_MS} (default 30000: how long after a node dies
 * without a goodbye its users leave on the others) and {@code PRESENCE_PERMDOWN_PERIOD_MS}
 * (default 20 minutes). Every node of one chat should use the same values.
 */
final class Nodes {

    private static final long BROADCAST_MILLIS = 1_500;
    private static final long DOWN_MILLIS = 30_000;
    private static final long PERMDOWN_MILLIS = 20 * 60_000;

    private Nodes() {
    }

    static void configure(Endpoint.Builder builder, Map<String, String> env) {
        String node = env.get("NODE_NAME");
        if (node != null && !node.isBlank()) {
            builder.nodeName(node);
        }
        String redis = env.get("REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            builder.pubSub(RedisPubSub.create(redis));
        }
        presenceTiming(builder, env);
    }

    private static void presenceTiming(Endpoint.Builder builder, Map<String, String> env) {
        if (!env.containsKey("PRESENCE_BROADCAST_PERIOD_MS")
                && !env.containsKey("PRESENCE_DOWN_PERIOD_MS")
                && !env.containsKey("PRESENCE_PERMDOWN_PERIOD_MS")) {
            return;
        }
        long down = millis(env, "PRESENCE_DOWN_PERIOD_MS", DOWN_MILLIS);
        builder.presenceTiming(
                Duration.ofMillis(millis(env, "PRESENCE_BROADCAST_PERIOD_MS", BROADCAST_MILLIS)),
                Duration.ofMillis(down),
                Duration.ofMillis(millis(env, "PRESENCE_PERMDOWN_PERIOD_MS",
                        Math.max(PERMDOWN_MILLIS, down + 1))));
    }

    private static long millis(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a number of milliseconds, such as "
                    + fallback + "; got " + value, e);
        }
    }
}
