package dev.channels.core.internal.pubsub;

import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's pub/sub: topic to subscribers, delivered in place, plus the adapter that
 * carries broadcasts to and from other nodes.
 *
 * <p>Each topic's subscribers are an array replaced on change (copy on write), so a
 * broadcast walks a snapshot without locking or allocating per subscriber. Subscribing and
 * unsubscribing lock the topic's entry only. The adapter hears a topic from its first local
 * subscriber to its last.
 *
 * <p>A topic with many subscribers is delivered by several threads at once: each subscriber
 * then costs a socket write, and one thread would write them all in turn. The broadcasting
 * thread takes part and returns only when every subscriber has the message, so the messages
 * of one publisher still reach each subscriber in the order they were sent.
 */
public final class LocalPubSub {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPubSub.class);
    private static final Subscriber[] NONE = new Subscriber[0];

    private final ConcurrentHashMap<String, Subscriber[]> topics = new ConcurrentHashMap<>();
    private final PubSubAdapter adapter;
    private final String node;
    private final Executor helpers;
    private final int parallelism;

    /**
     * Creates the pub/sub, delivering on the broadcasting thread only, and starts the adapter.
     *
     * @param adapter carries messages between nodes
     * @param node this node's name
     */
    public LocalPubSub(PubSubAdapter adapter, String node) {
        this(adapter, node, Runnable::run, 1);
    }

    /**
     * Creates the pub/sub and starts the adapter.
     *
     * @param adapter carries messages between nodes
     * @param node this node's name
     * @param helpers runs the share of a large broadcast that the broadcasting thread does
     *     not; must not reject tasks
     * @param parallelism how many threads at most deliver one broadcast, 1 for the
     *     broadcasting thread alone
     */
    public LocalPubSub(PubSubAdapter adapter, String node, Executor helpers, int parallelism) {
        this.adapter = adapter;
        this.node = node;
        this.helpers = helpers;
        this.parallelism = parallelism;
        adapter.start(node, this::deliverRemote);
    }

    /**
     * This node's name.
     *
     * @return the name
     */
    public String node() {
        return node;
    }

    /**
     * Adds a subscriber to a topic. Subscribing the same subscriber twice delivers twice.
     *
     * @param topic the topic
     * @param subscriber the subscriber
     */
    public void subscribe(String topic, Subscriber subscriber) {
        boolean[] first = new boolean[1];
        topics.compute(topic, (key, current) -> {
            Subscriber[] now = current == null ? NONE : current;
            first[0] = now.length == 0;
            Subscriber[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = subscriber;
            if (first[0]) {
                adapter.subscribe(topic);
            }
            return next;
        });
    }

    /**
     * Removes one subscription of a subscriber; does nothing when it has none.
     *
     * @param topic the topic
     * @param subscriber the subscriber
     */
    public void unsubscribe(String topic, Subscriber subscriber) {
        topics.computeIfPresent(topic, (key, current) -> {
            int at = indexOf(current, subscriber);
            if (at < 0) {
                return current;
            }
            if (current.length == 1) {
                adapter.unsubscribe(topic);
                return null;
            }
            Subscriber[] next = new Subscriber[current.length - 1];
            System.arraycopy(current, 0, next, 0, at);
            System.arraycopy(current, at + 1, next, at, current.length - at - 1);
            return next;
        });
    }

    private static int indexOf(Subscriber[] subscribers, Subscriber subscriber) {
        for (int i = 0; i < subscribers.length; i++) {
            if (subscribers[i] == subscriber) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Broadcasts to every subscriber of a topic on every node.
     *
     * @param topic the topic
     * @param event the event
     * @param payload the payload, encoded once
     * @param from a subscriber to skip (broadcastFrom), or null
     */
    public void broadcast(String topic, String event, EncodedPayload payload, Subscriber from) {
        localBroadcast(topic, event, payload, from);
        adapter.publish(new PubSubMessage(topic, event, payload.isBinary(), payload.wireBytes(),
                node, null));
    }

    /**
     * Broadcasts to this node's subscribers only.
     *
     * @param topic the topic
     * @param event the event
     * @param payload the payload, encoded once
     * @param from a subscriber to skip, or null
     */
    public void localBroadcast(String topic, String event, EncodedPayload payload,
            Subscriber from) {
        Subscriber[] subscribers = topics.get(topic);
        if (subscribers == null) {
            return;
        }
        int shares = Math.min(parallelism, subscribers.length / FanOut.MIN_SHARE);
        if (shares > 1) {
            new FanOut(subscribers, topic, event, payload, from, shares).deliver(helpers);
            return;
        }
        Dispatch dispatch = new Dispatch(topic, event, payload);
        for (Subscriber subscriber : subscribers) {
            if (subscriber != from) {
                subscriber.deliver(dispatch);
            }
        }
    }

    /**
     * Sends to the subscribers of a topic on one other node only, through the adapter
     * ({@link PubSubMessage#targetNode()}); nothing is delivered on this node.
     *
     * @param topic the topic
     * @param event the event
     * @param payload the payload, encoded once
     * @param targetNode the receiving node
     */
    public void direct(String topic, String event, EncodedPayload payload, String targetNode) {
        adapter.publish(new PubSubMessage(topic, event, payload.isBinary(), payload.wireBytes(),
                node, targetNode));
    }

    /**
     * Sends to the subscribers of a topic on every other node, not on this one.
     *
     * @param topic the topic
     * @param event the event
     * @param payload the payload, encoded once
     */
    public void remoteBroadcast(String topic, String event, EncodedPayload payload) {
        adapter.publish(new PubSubMessage(topic, event, payload.isBinary(), payload.wireBytes(),
                node, null));
    }

    private void deliverRemote(PubSubMessage message) {
        if (node.equals(message.originNode())) {
            return;
        }
        if (message.targetNode() != null && !node.equals(message.targetNode())) {
            return;
        }
        EncodedPayload payload = message.binary() ? EncodedPayload.ofBinary(message.payload())
                : EncodedPayload.ofJson(new String(message.payload(), StandardCharsets.UTF_8));
        try {
            localBroadcast(message.topic(), message.event(), payload, null);
        } catch (RuntimeException e) {
            LOG.warn("could not deliver a broadcast from node {} on {}", message.originNode(),
                    message.topic(), e);
        }
    }

    /**
     * The number of local subscribers of a topic.
     *
     * @param topic the topic
     * @return the count
     */
    public int subscriberCount(String topic) {
        Subscriber[] subscribers = topics.get(topic);
        return subscribers == null ? 0 : subscribers.length;
    }

    /**
     * The number of local subscriptions over every topic.
     *
     * @return the count
     */
    public int subscriptionCount() {
        int count = 0;
        for (Subscriber[] subscribers : topics.values()) {
            count += subscribers.length;
        }
        return count;
    }

    /**
     * The number of topics with local subscribers.
     *
     * @return the count
     */
    public int topicCount() {
        return topics.size();
    }

    /** Stops the adapter. */
    public void close() {
        adapter.close();
    }
}
