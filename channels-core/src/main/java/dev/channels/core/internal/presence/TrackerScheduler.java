package dev.channels.core.internal.presence;

import dev.channels.Cancellable;

/** Runs a task later; tests pass a fake that runs tasks when they move the time. */
@FunctionalInterface
public interface TrackerScheduler {

    /**
     * Runs a task once after a delay, on a thread of the scheduler's choosing.
     *
     * @param delayMillis the delay, at least 0
     * @param task the task
     * @return a handle to call it off
     */
    Cancellable schedule(long delayMillis, Runnable task);
}
