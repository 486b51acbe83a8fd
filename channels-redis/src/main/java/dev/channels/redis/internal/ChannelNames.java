package dev.channels.redis.internal;

import java.nio.charset.StandardCharsets;

/**
 * Redis channel names: the key prefix then the topic for broadcasts, and the key prefix then
 * {@code node:} and the node's name for messages to one node. A topic that happens to look
 * like {@code node:a} shares node a's channel without harm: receivers route by the topic and
 * target inside the envelope, never by the channel name.
 *
 * @param prefix the key prefix, such as {@code "channels:"}
 */
public record ChannelNames(String prefix) {

    /**
     * The channel of a topic.
     *
     * @param topic the topic
     * @return its channel name as UTF-8
     */
    public byte[] topic(String topic) {
        return (prefix + topic).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The channel of one node, for messages addressed to it.
     *
     * @param node the node's name
     * @return its channel name as UTF-8
     */
    public byte[] node(String node) {
        return (prefix + "node:" + node).getBytes(StandardCharsets.UTF_8);
    }
}
