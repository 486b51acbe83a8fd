package dev.channels;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link Channel#join(String, Payload, ChannelContext)}.
 *
 * <p>On the wire: {@link #ok()} answers {@code {"response":{},"status":"ok"}},
 * {@link #ok(Object)} puts the given response in place of {@code {}}, and
 * {@link #error(Object)} answers {@code {"response":…,"status":"error"}}. A refused join
 * sends no {@code phx_close}; phoenix.js then retries the join with backoff unless the
 * application leaves the channel.
 */
public final class Join {

    private static final Join OK = new Join(true, Map.of());

    private final boolean ok;
    private final Object response;

    private Join(boolean ok, Object response) {
        this.ok = ok;
        this.response = response;
    }

    /**
     * Joins, replying {@code {}}.
     *
     * @return a successful join
     */
    public static Join ok() {
        return OK;
    }

    /**
     * Joins, replying with a response.
     *
     * @param response any JSON value (a map, a record, a list…) or a {@link Binary}
     * @return a successful join
     */
    public static Join ok(Object response) {
        return new Join(true, Objects.requireNonNull(response, "response"));
    }

    /**
     * Refuses the join, replying with a response such as {@code {"reason":"unauthorized"}}.
     *
     * @param response any JSON value
     * @return a refused join
     */
    public static Join error(Object response) {
        return new Join(false, Objects.requireNonNull(response, "response"));
    }

    /**
     * Whether the join succeeded.
     *
     * @return true for {@link #ok()} and {@link #ok(Object)}
     */
    public boolean isOk() {
        return ok;
    }

    /**
     * The response sent with the join reply.
     *
     * @return the response
     */
    public Object response() {
        return response;
    }

    @Override
    public String toString() {
        return ok ? "Join[ok]" : "Join[error]";
    }
}
