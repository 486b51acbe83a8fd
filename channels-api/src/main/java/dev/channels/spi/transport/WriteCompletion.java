package dev.channels.spi.transport;

/** Called by a {@link Connection} when a batch of frames is finished. */
@FunctionalInterface
public interface WriteCompletion {

    /**
     * Reports the end of a batch.
     *
     * @param failure null when every frame was written, otherwise the failure
     */
    void complete(Throwable failure);
}
