package dev.channels.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread that runs many {@link NioWebSocket}s: connects, reads, and finishes the
 * writes that did not fit in the kernel's send buffer. Every socket of a loop shares its one
 * read buffer, so an idle socket costs no buffer at all.
 *
 * <p>Threading: the selector, its keys and the read buffer belong to the loop's thread. Other
 * threads hand it work through {@link #execute}.
 */
final class SocketLoop implements Runnable, AutoCloseable {

    /** Large enough for a burst of small frames on one socket in one read. */
    private static final int READ_BUFFER = 64 * 1024;

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final Thread thread;
    private volatile boolean running = true;

    SocketLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("no selector", e);
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop's thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Wakes the selector so a changed interest set takes effect now. */
    void wakeup() {
        selector.wakeup();
    }

    Selector selector() {
        return selector;
    }

    /** The loop's read buffer, cleared; only for the loop's thread. */
    ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(this::ready);
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                System.err.println(thread.getName() + " stopped: " + e);
            }
        }
    }

    private void ready(SelectionKey key) {
        ((NioWebSocket) key.attachment()).ready(key);
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            System.err.println(thread.getName() + " did not close its selector: " + e);
        }
    }
}
