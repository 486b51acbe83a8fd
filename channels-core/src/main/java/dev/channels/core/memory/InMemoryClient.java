package dev.channels.core.memory;

import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The client end of an in-memory connection: send raw frames, read the frames the server
 * wrote, in order, and see how the server closed it. Made by {@link InMemoryTransport}.
 *
 * <p>Thread-safe. Reads wait with a timeout and never sleep.
 */
public final class InMemoryClient implements AutoCloseable {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    private final Object lock = new Object();
    private final int capacity;
    /** Guarded by lock. */
    private final ArrayDeque<Frame> received = new ArrayDeque<>();
    /** Guarded by lock: a server write waiting for room in the buffer. */
    private List<OutboundFrame> pendingFrames;
    private WriteCompletion pendingDone;
    /** Guarded by lock. */
    private CloseStatus closeStatus;
    private Inbound inbound;
    private final Connection connection = new ClientConnection();

    InMemoryClient(int capacity) {
        this.capacity = capacity;
    }

    Connection connection() {
        return connection;
    }

    void attach(Inbound inbound) {
        this.inbound = inbound;
    }

    /**
     * Sends a text frame to the server.
     *
     * @param frame the frame, such as {@code ["1","1","room:1","phx_join",{}]}
     * @throws IllegalStateException when the connection is closed
     */
    public void sendText(String frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (this) {
            requireOpen();
            inbound.onText(frame);
        }
    }

    /**
     * Sends a binary frame to the server.
     *
     * @param frame the frame's bytes
     * @throws IllegalStateException when the connection is closed
     */
    public void sendBinary(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (this) {
            requireOpen();
            inbound.onBinary(ByteBuffer.wrap(frame.clone()));
        }
    }

    private void requireOpen() {
        synchronized (lock) {
            if (closeStatus != null) {
                throw new IllegalStateException("the connection is closed: " + closeStatus);
            }
        }
    }

    /**
     * The next frame the server wrote, waiting up to a timeout.
     *
     * @param timeout the longest wait
     * @return the frame, or null when none arrived in time
     */
    public Frame poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Frame frame;
        List<OutboundFrame> admitted = null;
        WriteCompletion done = null;
        synchronized (lock) {
            while (received.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeStatus != null && received.isEmpty()) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            frame = received.poll();
            if (pendingFrames != null && fits(pendingFrames.size())) {
                admitted = pendingFrames;
                done = pendingDone;
                pendingFrames = null;
                pendingDone = null;
                admitted.forEach(f -> received.add(Frame.of(f)));
            }
        }
        if (done != null) {
            done.complete(null);
        }
        return frame;
    }

    /** Whether a batch fits the buffer; guarded by lock. A batch always fits an empty one. */
    private boolean fits(int frames) {
        return received.isEmpty() || received.size() + frames <= capacity;
    }

    /**
     * The next frame, waiting up to five seconds.
     *
     * @return the frame
     * @throws IllegalStateException when none arrived in time
     */
    public Frame next() {
        Frame frame = poll(DEFAULT_WAIT);
        if (frame == null) {
            throw new IllegalStateException("no frame within " + DEFAULT_WAIT
                    + (isClosed() ? "; the server closed the connection: " + closeStatus() : ""));
        }
        return frame;
    }

    /**
     * The next frame as text, waiting up to five seconds.
     *
     * @return the frame's text
     * @throws IllegalStateException when none arrived, or it was binary
     */
    public String nextText() {
        return next().text();
    }

    /**
     * Waits for the server to close the connection.
     *
     * @param timeout the longest wait
     * @return the close status, or null when still open after the timeout
     */
    public CloseStatus awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (closeStatus == null) {
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
            return closeStatus;
        }
    }

    /**
     * Whether the connection is closed, by either side.
     *
     * @return true when closed
     */
    public boolean isClosed() {
        synchronized (lock) {
            return closeStatus != null;
        }
    }

    /**
     * How the connection was closed.
     *
     * @return the status, or null while open
     */
    public CloseStatus closeStatus() {
        synchronized (lock) {
            return closeStatus;
        }
    }

    /** Closes the connection from the client side, with code 1000. */
    @Override
    public void close() {
        close(1000, "");
    }

    /**
     * Closes the connection from the client side.
     *
     * @param code the close code
     * @param reason the close reason
     */
    public void close(int code, String reason) {
        if (markClosed(new CloseStatus(code, reason, false))) {
            inbound.onClosed(code, reason);
        }
    }

    /**
     * Records how the connection closed and fails a server write waiting for room.
     *
     * @return false when it was already closed
     */
    private boolean markClosed(CloseStatus status) {
        WriteCompletion done;
        synchronized (lock) {
            if (closeStatus != null) {
                return false;
            }
            closeStatus = status;
            done = pendingDone;
            pendingFrames = null;
            pendingDone = null;
            lock.notifyAll();
        }
        if (done != null) {
            done.complete(new IOException("the connection closed: " + status));
        }
        return true;
    }

    /** The server side of the pipe. */
    private final class ClientConnection implements Connection {

        @Override
        public void write(List<OutboundFrame> frames, WriteCompletion done) {
            boolean written;
            synchronized (lock) {
                if (closeStatus != null) {
                    written = false;
                } else if (!fits(frames.size())) {
                    pendingFrames = new ArrayList<>(frames);
                    pendingDone = done;
                    return;
                } else {
                    frames.forEach(f -> received.add(Frame.of(f)));
                    lock.notifyAll();
                    written = true;
                }
            }
            done.complete(written ? null : new IOException("the connection is closed"));
        }

        @Override
        public void close(int code, String reason) {
            markClosed(new CloseStatus(code, reason, true));
        }
    }

    /**
     * One frame the server wrote.
     *
     * @param text the text of a text frame, or null
     * @param bytes the bytes of a binary frame, or null
     */
    public record Frame(String text, byte[] bytes) {

        static Frame of(OutboundFrame frame) {
            if (frame.isBinary()) {
                ByteBuffer buffer = frame.bytes();
                byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                return new Frame(null, copy);
            }
            return new Frame(frame.text(), null);
        }

        /**
         * Whether this is a binary frame.
         *
         * @return true for binary
         */
        public boolean isBinary() {
            return bytes != null;
        }

        /**
         * The text of a text frame.
         *
         * @return the text
         * @throws IllegalStateException for a binary frame
         */
        @Override
        public String text() {
            if (text == null) {
                throw new IllegalStateException("expected a text frame, got binary "
                        + Arrays.toString(bytes));
            }
            return text;
        }

        /**
         * The bytes of a binary frame.
         *
         * @return a copy of the bytes
         * @throws IllegalStateException for a text frame
         */
        @Override
        public byte[] bytes() {
            if (bytes == null) {
                throw new IllegalStateException("expected a binary frame, got text " + text);
            }
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Frame && Objects.equals(((Frame) other).text, text)
                    && Arrays.equals(((Frame) other).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, Arrays.hashCode(bytes));
        }

        @Override
        public String toString() {
            return bytes != null ? "binary" + Arrays.toString(bytes)
                    : text;
        }
    }

    /**
     * How a connection was closed.
     *
     * @param code the close code
     * @param reason the close reason
     * @param byServer whether the server closed it
     */
    public record CloseStatus(int code, String reason, boolean byServer) {
    }
}
