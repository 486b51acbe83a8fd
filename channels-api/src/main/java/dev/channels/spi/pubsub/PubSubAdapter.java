package dev.channels.spi.pubsub;

/**
 * Carries messages between nodes. The runtime delivers locally by itself; the adapter sends
 * what this node publishes to the other nodes and hands what they publish to the
 * {@link Inbox}.
 *
 * <p>The runtime calls {@link #subscribe} when a topic gets its first local subscriber and
 * {@link #unsubscribe} after its last one leaves, so an adapter may listen only to topics
 * this node needs. Every method may be called from any thread and must not block for long:
 * queue and return.
 */
public interface PubSubAdapter extends AutoCloseable {

    /**
     * Starts the adapter. Called once, before any other method.
     *
     * @param node this node's name, unique among the nodes sharing the adapter
     * @param inbox where messages from other nodes go
     */
    void start(String node, Inbox inbox);

    /**
     * Starts hearing a topic from other nodes.
     *
     * @param topic the topic
     */
    void subscribe(String topic);

    /**
     * Stops hearing a topic from other nodes.
     *
     * @param topic the topic
     */
    void unsubscribe(String topic);

    /**
     * Sends a message to the other nodes: every node subscribed to its topic, or only
     * {@link PubSubMessage#targetNode()} when set. Must not hand it back to this node's
     * inbox. Delivery is at most once.
     *
     * @param message the message
     */
    void publish(PubSubMessage message);

    /** Stops the adapter and releases its connections. */
    @Override
    void close();

    /** Where an adapter hands messages from other nodes. Thread-safe. */
    @FunctionalInterface
    interface Inbox {

        /**
         * Delivers a message from another node to this node's subscribers.
         *
         * @param message the message
         */
        void deliver(PubSubMessage message);
    }

    /**
     * The adapter for a single node: nothing crosses to other nodes.
     *
     * @return a local adapter
     */
    static PubSubAdapter local() {
        return new PubSubAdapter() {
            @Override
            public void start(String node, Inbox inbox) {
            }

            @Override
            public void subscribe(String topic) {
            }

            @Override
            public void unsubscribe(String topic) {
            }

            @Override
            public void publish(PubSubMessage message) {
            }

            @Override
            public void close() {
            }
        };
    }
}
