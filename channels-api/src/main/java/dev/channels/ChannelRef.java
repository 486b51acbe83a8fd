package dev.channels;

import java.time.Duration;

/**
 * A thread-safe handle on a running channel: send it messages for
 * {@link Channel#handleInfo}, now or after a delay. Obtained through
 * {@link ChannelContext#self()}.
 *
 * <p>Messages to a channel that has ended are dropped silently. Messages from one thread
 * arrive in the order they were sent.
 */
public interface ChannelRef {

    /**
     * The channel's topic.
     *
     * @return the topic
     */
    String topic();

    /**
     * Queues a message for {@link Channel#handleInfo}.
     *
     * @param message any object
     */
    void send(Object message);

    /**
     * Queues a message for {@link Channel#handleInfo} after a delay.
     *
     * @param message any object
     * @param delay how long to wait
     * @return a handle to cancel it before it is delivered
     */
    Cancellable sendAfter(Object message, Duration delay);

    /**
     * Whether the channel is still running.
     *
     * @return false once it has ended
     */
    boolean isAlive();
}
