package dev.channels.core.internal.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial executor: tasks run one at a time, in the order they were queued, on threads of
 * a shared executor. This is the runtime's "process": one per socket and one per channel,
 * so a channel's callbacks never overlap and need no locks.
 *
 * <p>A mailbox may start suspended; tasks queued meanwhile wait for {@link #resume()}. After
 * a batch of tasks the mailbox yields its thread so that one busy mailbox cannot starve the
 * others.
 */
public final class Mailbox implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    private static final int BATCH = 64;
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int SUSPENDED = 2;

    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** IDLE, SCHEDULED (queued or running on the executor) or SUSPENDED. */
    private final AtomicInteger state;
    private final String name;

    /**
     * Creates a mailbox.
     *
     * @param executor where tasks run
     * @param suspended whether to hold tasks until {@link #resume()}
     * @param name for {@link #toString()}
     */
    public Mailbox(Executor executor, boolean suspended, String name) {
        this.executor = executor;
        this.state = new AtomicInteger(suspended ? SUSPENDED : IDLE);
        this.name = name;
    }

    /**
     * Queues a task; it runs after every task queued before it.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /** Lets a suspended mailbox run its queued tasks. */
    public void resume() {
        if (state.compareAndSet(SUSPENDED, IDLE)) {
            schedule();
        }
    }

    private void schedule() {
        if (!tasks.isEmpty() && state.compareAndSet(IDLE, SCHEDULED)) {
            executor.execute(this);
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("runtime task failed in {}", name, e);
            }
        }
        state.set(IDLE);
        schedule();
    }

    @Override
    public String toString() {
        return "Mailbox[" + name + "]";
    }
}
