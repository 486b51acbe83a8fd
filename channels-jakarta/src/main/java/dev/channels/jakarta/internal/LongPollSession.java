package dev.channels.jakarta.internal;

import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-poll session: a runtime socket whose {@link Connection} keeps the frames written
 * to it until a GET collects them. A GET with nothing to collect parks (an
 * {@link AsyncContext}, no thread held) until a frame arrives, the window passes (204) or the
 * session ends.
 *
 * <p>Concurrency: {@link #lock} guards the buffer, the held write completion, the parked GET
 * and the closed flag. Responses are written and completions called outside it.
 */
final class LongPollSession implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(LongPollSession.class);
    /** Frames buffered before the runtime's writer has to wait for a GET. */
    private static final int BUFFER_LIMIT = 1_000;

    private final String token;
    private final long windowMillis;
    private final ScheduledExecutorService timer;
    private volatile Inbound inbound;
    private volatile long lastPoll = System.nanoTime();

    private final Object lock = new Object();
    /** Guarded by lock. */
    private final ArrayDeque<String> buffer = new ArrayDeque<>();
    /** Guarded by lock: a write kept waiting because the buffer is full. */
    private WriteCompletion held;
    /** Guarded by lock. */
    private Parked parked;
    /** Guarded by lock. */
    private boolean closed;

    LongPollSession(String token, long windowMillis, ScheduledExecutorService timer) {
        this.token = token;
        this.windowMillis = windowMillis;
        this.timer = timer;
    }

    String token() {
        return token;
    }

    void attach(Inbound opened) {
        this.inbound = opened;
    }

    Inbound inbound() {
        return inbound;
    }

    @Override
    public boolean supportsBinary() {
        return false;
    }

    // ------------------------------------------------------------ runtime side

    @Override
    public void write(List<OutboundFrame> frames, WriteCompletion done) {
        Parked wake;
        boolean hold;
        synchronized (lock) {
            for (OutboundFrame frame : frames) {
                if (frame.isBinary()) {
                    LOG.debug("dropped a binary frame: long-poll carries text only");
                } else {
                    buffer.add(frame.text());
                }
            }
            hold = buffer.size() >= BUFFER_LIMIT && !closed;
            if (hold) {
                held = done;
            }
            wake = takeParked();
        }
        if (!hold) {
            done.complete(null);
        }
        if (wake != null) {
            respondMessages(wake);
        }
    }

    @Override
    public void close(int code, String reason) {
        Parked wake;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wake = takeParked();
        }
        LOG.debug("long-poll session closed ({} {})", code, reason);
        if (wake != null) {
            respondMessages(wake);
        }
    }

    // ------------------------------------------------------------ HTTP side

    /** Whether nothing more can be collected here: closed and drained. */
    boolean isGone() {
        synchronized (lock) {
            return closed && buffer.isEmpty();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Answers a GET: at once with what is buffered, or parks it.
     *
     * @param async started by the caller, with the common headers already set
     */
    void poll(AsyncContext async) {
        lastPoll = System.nanoTime();
        Inbound opened = inbound;
        if (opened != null) {
            opened.onActivity();
        }
        Parked previous;
        Parked now = new Parked(async);
        boolean respondNow;
        synchronized (lock) {
            previous = takeParked();
            respondNow = !buffer.isEmpty() || closed;
            if (!respondNow) {
                parked = now;
            }
        }
        if (previous != null) {
            respondEmpty(previous);
        }
        if (respondNow) {
            respondMessages(now);
            return;
        }
        async.addListener(now);
        async.setTimeout(windowMillis + 5_000);
        now.timeout = timer.schedule(() -> expire(now), windowMillis, TimeUnit.MILLISECONDS);
    }

    private void expire(Parked which) {
        boolean mine;
        synchronized (lock) {
            mine = parked == which;
            if (mine) {
                parked = null;
            }
        }
        if (mine) {
            respondEmpty(which);
        }
    }

    /** Whether no GET came for longer than the limit and none is waiting. */
    boolean inactiveFor(long limitNanos) {
        synchronized (lock) {
            if (parked != null) {
                return false;
            }
        }
        return System.nanoTime() - lastPoll > limitNanos;
    }

    private Parked takeParked() {
        Parked taken = parked;
        parked = null;
        if (taken != null && taken.timeout != null) {
            taken.timeout.cancel(false);
        }
        return taken;
    }

    private void respondMessages(Parked target) {
        List<String> messages;
        WriteCompletion release;
        boolean gone;
        synchronized (lock) {
            messages = new ArrayList<>(buffer);
            buffer.clear();
            release = held;
            held = null;
            gone = closed;
        }
        if (release != null) {
            release.complete(null);
        }
        if (messages.isEmpty() && gone) {
            target.respond(LongPollBody.of(410));
        } else {
            target.respond(LongPollBody.of(messages.isEmpty() ? 204 : 200, token, messages));
        }
    }

    private void respondEmpty(Parked target) {
        target.respond(LongPollBody.of(204, token, List.of()));
    }

    @Override
    public String toString() {
        return "LongPollSession[" + token.substring(0, 6) + "…]";
    }

    /** A GET waiting for messages. Answered exactly once. */
    private final class Parked implements AsyncListener {

        private final AsyncContext async;
        private volatile ScheduledFuture<?> timeout;
        private boolean answered;

        Parked(AsyncContext async) {
            this.async = async;
        }

        void respond(String body) {
            synchronized (this) {
                if (answered) {
                    return;
                }
                answered = true;
            }
            try {
                LongPollBody.send((HttpServletResponse) async.getResponse(), body);
            } catch (IOException | IllegalStateException e) {
                LOG.debug("a long-poll response failed: {}", e.toString());
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    LOG.debug("a long-poll request ended early: {}", e.toString());
                }
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            expire(this);
            respondEmpty(this);
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            synchronized (this) {
                answered = true;
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
