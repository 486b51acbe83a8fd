package dev.channels;

/**
 * A host-code subscription to a topic. Closing it unsubscribes; closing twice is harmless.
 */
public interface Subscription extends AutoCloseable {

    /**
     * The topic subscribed to.
     *
     * @return the topic
     */
    String topic();

    /** Ends the subscription. */
    @Override
    void close();
}
