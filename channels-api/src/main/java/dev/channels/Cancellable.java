package dev.channels;

/** Something pending that can be called off, such as a timer. */
public interface Cancellable {

    /**
     * Calls it off; does nothing when it already happened or was cancelled.
     *
     * @return true when this call cancelled it
     */
    boolean cancel();
}
