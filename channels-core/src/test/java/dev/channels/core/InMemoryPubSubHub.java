package dev.channels.core;

import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several endpoints of one JVM on one in-memory bus: each endpoint gets its own adapter from
 * {@link #adapter()}, and a message one publishes reaches the others subscribed to its topic
 * (or only its target node), in publish order per receiving node, on that node's own delivery
 * thread, never on the publisher's, as a network adapter would.
 */
final class InMemoryPubSubHub implements AutoCloseable {

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    /** A new adapter on this hub; the endpoint that starts it names its node. */
    PubSubAdapter adapter() {
        return new Node();
    }

    @Override
    public void close() {
        nodes.values().forEach(Node::close);
    }

    private final class Node implements PubSubAdapter {

        private final Set<String> topics = ConcurrentHashMap.newKeySet();
        private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-delivery");
            thread.setDaemon(true);
            return thread;
        });
        private volatile String name;
        private volatile Inbox inbox;

        @Override
        public void start(String node, Inbox inbox) {
            this.name = node;
            this.inbox = inbox;
            if (nodes.putIfAbsent(node, this) != null) {
                throw new IllegalStateException("node " + node + " is already on the hub");
            }
        }

        @Override
        public void subscribe(String topic) {
            topics.add(topic);
        }

        @Override
        public void unsubscribe(String topic) {
            topics.remove(topic);
        }

        @Override
        public void publish(PubSubMessage message) {
            for (Node other : nodes.values()) {
                boolean wanted = message.targetNode() == null
                        ? other.topics.contains(message.topic())
                        : message.targetNode().equals(other.name);
                if (other != this && wanted) {
                    other.deliver(message);
                }
            }
        }

        private void deliver(PubSubMessage message) {
            if (!delivery.isShutdown()) {
                delivery.execute(() -> inbox.deliver(message));
            }
        }

        @Override
        public void close() {
            nodes.remove(name, this);
            delivery.shutdownNow();
        }
    }
}
