package dev.channels.examples.chat;

import dev.channels.core.Endpoint;
import dev.channels.redis.RedisPubSub;
import java.util.Map;

/** Joins other nodes through Redis when {@code REDIS_URL} is set, named by {@code NODE_NAME}. */
final class Nodes {

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
    }
}
