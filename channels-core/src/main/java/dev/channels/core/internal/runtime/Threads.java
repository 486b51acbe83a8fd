package dev.channels.core.internal.runtime;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The runtime's threads: virtual threads where the JVM has them, a bounded pool otherwise. */
public final class Threads {

    private Threads() {
    }

    /**
     * The executor for callbacks and writes: one virtual thread per task on Java 21+,
     * otherwise a fixed pool of daemon threads.
     *
     * @param threads the pool size on Java 17
     * @return the executor
     */
    public static ExecutorService callbacks(int threads) {
        try {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) virtual.invoke(null);
        } catch (ReflectiveOperationException e) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("channels-"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    /**
     * The timer thread: fires timers and idle checks, which only queue work elsewhere.
     *
     * @return the scheduler
     */
    public static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor scheduler =
                new ScheduledThreadPoolExecutor(1, daemon("channels-timer-"));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
