package dev.channels.core.internal.pubsub;

/**
 * A local subscriber of a topic. {@link #deliver} runs on the broadcaster's thread, once per
 * broadcast: it must be quick, never block and never throw (queue and return).
 */
public interface Subscriber {

    /**
     * Receives a broadcast.
     *
     * @param dispatch the broadcast, with its frames encoded once per serializer
     */
    void deliver(Dispatch dispatch);
}
