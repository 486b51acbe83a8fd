package dev.channels.redis.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which topics this node wants to hear and which it has asked the current Redis connection
 * for, and the commands that bring the second in line with the first.
 *
 * <p>The runtime counts subscribers and calls in only on a topic's first and after its last,
 * but calls may still repeat or cancel out (subscribe, unsubscribe, subscribe) before a
 * command is sent. Only the last wish per topic counts: {@link #changes()} sends a
 * {@code SUBSCRIBE} for a wanted topic the connection does not have, an {@code UNSUBSCRIBE}
 * for one it has but no longer wants, and nothing for the rest. Commands go out in batches
 * of at most the batch size. After a reconnect, {@link #resubscribeAll()} asks for every
 * wanted topic again, in batches.
 *
 * <p>Not thread-safe: confined to the adapter's driver thread.
 */
public final class Subscriptions {

    private final int batchSize;
    /** The topics with local subscribers. */
    private final Set<String> wanted = new HashSet<>();
    /** The topics subscribed on the current connection. */
    private final Set<String> live = new HashSet<>();
    /** The topics whose wish changed since the last {@link #changes()}. */
    private final Set<String> touched = new LinkedHashSet<>();

    /**
     * Creates the bookkeeping.
     *
     * @param batchSize the most channels in one command
     */
    public Subscriptions(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Records that this node wants a topic.
     *
     * @param topic the topic
     */
    public void want(String topic) {
        wanted.add(topic);
        touched.add(topic);
    }

    /**
     * Records that this node no longer wants a topic.
     *
     * @param topic the topic
     */
    public void drop(String topic) {
        wanted.remove(topic);
        touched.add(topic);
    }

    /**
     * The commands that bring the current connection in line, recorded as sent.
     *
     * @return the batches to send, subscriptions first
     */
    public Changes changes() {
        List<String> subscribe = new ArrayList<>();
        List<String> unsubscribe = new ArrayList<>();
        for (String topic : touched) {
            boolean want = wanted.contains(topic);
            if (want && live.add(topic)) {
                subscribe.add(topic);
            } else if (!want && live.remove(topic)) {
                unsubscribe.add(topic);
            }
        }
        touched.clear();
        return new Changes(batches(subscribe), batches(unsubscribe));
    }

    /**
     * A new connection, which has no subscriptions: every wanted topic, in batches,
     * recorded as sent.
     *
     * @return the batches to subscribe
     */
    public List<List<String>> resubscribeAll() {
        live.clear();
        touched.clear();
        live.addAll(wanted);
        return batches(new ArrayList<>(wanted));
    }

    /** The connection is gone, and its subscriptions with it. */
    public void disconnected() {
        live.clear();
    }

    /**
     * The number of topics this node wants.
     *
     * @return the count
     */
    public int wantedCount() {
        return wanted.size();
    }

    private List<List<String>> batches(List<String> topics) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < topics.size(); from += batchSize) {
            batches.add(topics.subList(from, Math.min(topics.size(), from + batchSize)));
        }
        return batches;
    }

    /**
     * Commands to send, each a batch of topics.
     *
     * @param subscribe the {@code SUBSCRIBE} batches
     * @param unsubscribe the {@code UNSUBSCRIBE} batches
     */
    public record Changes(List<List<String>> subscribe, List<List<String>> unsubscribe) {

        /**
         * Whether there is nothing to send.
         *
         * @return true when both are empty
         */
        public boolean isEmpty() {
            return subscribe.isEmpty() && unsubscribe.isEmpty();
        }
    }
}
