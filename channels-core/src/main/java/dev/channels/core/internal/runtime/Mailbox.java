package dev.channels.core.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
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
 *
 * <p>There is one per socket and one per channel, so it is kept small: the queue is a linked
 * list of tasks guarded by the mailbox's own monitor (held only to link or unlink a node),
 * and the scheduling state is one int field.
 */
public final class Mailbox implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    private static final int BATCH = 64;
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int SUSPENDED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Mailbox.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Executor executor;
    /** IDLE, SCHEDULED (queued or running on the executor) or SUSPENDED; through STATE. */
    private volatile int state;
    /** Guarded by this. */
    private Node head;
    /** Guarded by this. */
    private Node tail;

    /**
     * Creates a mailbox.
     *
     * @param executor where tasks run
     * @param suspended whether to hold tasks until {@link #resume()}
     */
    public Mailbox(Executor executor, boolean suspended) {
        this.executor = executor;
        this.state = suspended ? SUSPENDED : IDLE;
    }

    /**
     * Queues a task; it runs after every task queued before it.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        Node node = new Node(task);
        synchronized (this) {
            if (tail == null) {
                head = node;
            } else {
                tail.next = node;
            }
            tail = node;
        }
        schedule();
    }

    /** Lets a suspended mailbox run its queued tasks. */
    public void resume() {
        if (STATE.compareAndSet(this, SUSPENDED, IDLE)) {
            schedule();
        }
    }

    private synchronized boolean hasTasks() {
        return head != null;
    }

    private synchronized Runnable poll() {
        Node first = head;
        if (first == null) {
            return null;
        }
        head = first.next;
        if (head == null) {
            tail = null;
        }
        return first.task;
    }

    private void schedule() {
        if (hasTasks() && STATE.compareAndSet(this, IDLE, SCHEDULED)) {
            executor.execute(this);
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("runtime task failed", e);
            }
        }
        state = IDLE;
        schedule();
    }

    @Override
    public String toString() {
        return "Mailbox[" + (hasTasks() ? "busy" : "empty") + "]";
    }

    /** One queued task. */
    private static final class Node {

        final Runnable task;
        Node next;

        Node(Runnable task) {
            this.task = task;
        }
    }
}
