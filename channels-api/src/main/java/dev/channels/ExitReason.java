package dev.channels;

import java.util.Objects;

/**
 * Why a channel ended, as {@link Channel#terminate(ExitReason, ChannelContext)} sees it. The
 * counterpart of a Phoenix exit reason.
 *
 * <p>A <em>graceful</em> reason ({@link #NORMAL}, {@link #SHUTDOWN} and every
 * {@link #shutdown(String)}) ends the channel with {@code phx_close}; any other reason is an
 * error and ends it with {@code phx_error} {@code {"reason":"channel_crash"}}, after which
 * phoenix.js rejoins. When the socket itself is gone (closed, disconnected) nothing is sent.
 */
public final class ExitReason {

    /** A normal stop ({@code :normal}). */
    public static final ExitReason NORMAL = new ExitReason("normal", true, null);
    /** A shutdown without detail ({@code :shutdown}). */
    public static final ExitReason SHUTDOWN = new ExitReason("shutdown", true, null);
    /** The client left the topic ({@code {:shutdown, :left}}). */
    public static final ExitReason LEFT = shutdown("left");
    /** The socket closed ({@code {:shutdown, :closed}}). */
    public static final ExitReason CLOSED = shutdown("closed");
    /** The socket was disconnected by id ({@code {:shutdown, :disconnected}}). */
    public static final ExitReason DISCONNECTED = shutdown("disconnected");
    /** The client joined the same topic again ({@code {:shutdown, :duplicate_join}}). */
    public static final ExitReason DUPLICATE_JOIN = shutdown("duplicate_join");
    /** The endpoint is shutting down ({@code {:shutdown, :draining}}). */
    public static final ExitReason DRAINING = shutdown("draining");

    private final String name;
    private final boolean graceful;
    private final Throwable cause;

    private ExitReason(String name, boolean graceful, Throwable cause) {
        this.name = name;
        this.graceful = graceful;
        this.cause = cause;
    }

    /**
     * A graceful shutdown with a detail, like Phoenix's {@code {:shutdown, detail}}.
     *
     * @param detail for example {@code "left"} or {@code "closed"}
     * @return the reason
     */
    public static ExitReason shutdown(String detail) {
        return new ExitReason("shutdown:" + Objects.requireNonNull(detail, "detail"), true, null);
    }

    /**
     * An error stop, such as {@code "bad_reason"}: the client gets {@code phx_error}.
     *
     * @param name the reason's name, for the log and {@link #toString()}
     * @return the reason
     */
    public static ExitReason error(String name) {
        return new ExitReason(Objects.requireNonNull(name, "name"), false, null);
    }

    /**
     * A crash: a callback threw.
     *
     * @param cause what was thrown
     * @return the reason
     */
    public static ExitReason crash(Throwable cause) {
        return new ExitReason("crash", false, Objects.requireNonNull(cause, "cause"));
    }

    /**
     * The reason's name: {@code "normal"}, {@code "shutdown"}, {@code "shutdown:left"},
     * {@code "crash"} or the name of an {@link #error(String)}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether the channel ended gracefully ({@code phx_close}) rather than with an error
     * ({@code phx_error}).
     *
     * @return true when graceful
     */
    public boolean isGraceful() {
        return graceful;
    }

    /**
     * What a callback threw, for a crash.
     *
     * @return the cause, or null
     */
    public Throwable cause() {
        return cause;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExitReason
                && ((ExitReason) other).name.equals(name)
                && ((ExitReason) other).graceful == graceful
                && Objects.equals(((ExitReason) other).cause, cause);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return cause == null ? name : name + " (" + cause + ")";
    }
}
