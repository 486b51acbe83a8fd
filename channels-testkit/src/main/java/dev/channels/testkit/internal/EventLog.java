package dev.channels.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The events a kit received and has not yet asserted, in arrival order. Runtime threads add;
 * the test thread takes, waiting with a bound and never sleeping. Thread-safe.
 */
public final class EventLog {

    private final Object lock = new Object();
    /** Guarded by lock. */
    private final List<Event> pending = new ArrayList<>();

    /**
     * Records an event and wakes the waiting test.
     *
     * @param event the event
     */
    public void add(Event event) {
        synchronized (lock) {
            pending.add(event);
            lock.notifyAll();
        }
    }

    /**
     * Removes and returns the first pending event that matches, waiting for one.
     *
     * @param match which event
     * @param timeout the longest wait
     * @return the event, or null when none matched in time
     */
    public Event take(Predicate<Event> match, Duration timeout) {
        return await(match, timeout, true);
    }

    /**
     * Returns the first pending event that matches, waiting for one, without removing it.
     *
     * @param match which event
     * @param timeout the longest wait
     * @return the event, or null when none matched in time
     */
    public Event find(Predicate<Event> match, Duration timeout) {
        return await(match, timeout, false);
    }

    private Event await(Predicate<Event> match, Duration timeout, boolean remove) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (Iterator<Event> it = pending.iterator(); it.hasNext();) {
                    Event event = it.next();
                    if (match.test(event)) {
                        if (remove) {
                            it.remove();
                        }
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /**
     * The pending events, in arrival order.
     *
     * @return a copy
     */
    public List<Event> pending() {
        synchronized (lock) {
            return List.copyOf(pending);
        }
    }
}
