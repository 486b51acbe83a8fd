package dev.channels.core.internal.pubsub;

import dev.channels.core.internal.json.EncodedPayload;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One broadcast to a large topic, cut into contiguous shares of the subscriber snapshot that
 * several threads deliver at once. Threads claim shares from a counter: the broadcasting
 * thread claims until none is left, then waits only for shares that other threads have
 * already claimed and are running. A helper task that starts late finds nothing to claim and
 * ends, so a busy or exhausted pool delays nothing and cannot deadlock the broadcast.
 *
 * <p>Each share has its own {@link Dispatch} (a dispatch is single-threaded), so the frame is
 * encoded once per share rather than once per broadcast.
 */
final class FanOut implements Runnable {

    /** Below twice this many subscribers a second thread costs more than it saves. */
    static final int MIN_SHARE = 1024;

    private final Subscriber[] subscribers;
    private final String topic;
    private final String event;
    private final EncodedPayload payload;
    private final Subscriber from;
    private final int shares;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread publisher = Thread.currentThread();

    FanOut(Subscriber[] subscribers, String topic, String event, EncodedPayload payload,
            Subscriber from, int shares) {
        this.subscribers = subscribers;
        this.topic = topic;
        this.event = event;
        this.payload = payload;
        this.from = from;
        this.shares = shares;
    }

    /** Delivers every share, with help from {@code helpers}; returns when all are done. */
    void deliver(Executor helpers) {
        for (int i = 1; i < shares; i++) {
            helpers.execute(this);
        }
        run();
        while (finished.get() < shares) {
            LockSupport.park(this);
        }
        RuntimeException error = failure.get();
        if (error != null) {
            throw error;
        }
    }

    /** Claims and delivers shares until none is left. */
    @Override
    public void run() {
        for (int share = claimed.getAndIncrement(); share < shares;
                share = claimed.getAndIncrement()) {
            try {
                deliver(share);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                if (finished.incrementAndGet() == shares) {
                    LockSupport.unpark(publisher);
                }
            }
        }
    }

    private void deliver(int share) {
        int start = (int) ((long) subscribers.length * share / shares);
        int end = (int) ((long) subscribers.length * (share + 1) / shares);
        Dispatch dispatch = new Dispatch(topic, event, payload);
        for (int i = start; i < end; i++) {
            Subscriber subscriber = subscribers[i];
            if (subscriber != from) {
                subscriber.deliver(dispatch);
            }
        }
    }
}
