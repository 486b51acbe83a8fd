package dev.channels.examples.chat;

import dev.channels.core.Endpoint;
import java.util.Map;

/** Joins other nodes through Redis when {@code REDIS_URL} is set. */
final class Nodes {

    private Nodes() {
    }

    static void configure(Endpoint.Builder builder, Map<String, String> env) {
        String node = env.get("NODE_NAME");
        if (node != null && !node.isBlank()) {
            builder.nodeName(node);
        }
    }
}
