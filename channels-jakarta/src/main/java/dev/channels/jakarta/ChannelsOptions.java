package dev.channels.jakarta;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Jakarta transports serve an endpoint: the origin check, the auth token, the
 * long-poll window, the inbound frame limit, and which transports are on. Immutable and
 * thread-safe; build one with {@link #builder()}, or take {@link #defaults()}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>Phoenix's name</th></tr>
 *   <tr><td>{@link Builder#checkOrigin}</td><td>{@link OriginCheck#sameAsRequest()}</td>
 *       <td>{@code check_origin}</td></tr>
 *   <tr><td>{@link Builder#authToken}</td><td>on</td><td>{@code auth_token}</td></tr>
 *   <tr><td>{@link Builder#longPollWindow}</td><td>10 s</td><td>{@code window_ms}</td></tr>
 *   <tr><td>{@link Builder#maxFrameSize}</td><td>8 MiB</td><td>{@code max_frame_size}</td></tr>
 *   <tr><td>{@link Builder#webSocket}, {@link Builder#longPoll}</td><td>both on</td>
 *       <td>{@code websocket}, {@code longpoll}</td></tr>
 * </table>
 */
public final class ChannelsOptions {

    private static final ChannelsOptions DEFAULTS = builder().build();

    private final OriginCheck checkOrigin;
    private final boolean authToken;
    private final Duration longPollWindow;
    private final int maxFrameSize;
    private final boolean webSocket;
    private final boolean longPoll;

    private ChannelsOptions(Builder builder) {
        this.checkOrigin = builder.checkOrigin;
        this.authToken = builder.authToken;
        this.longPollWindow = builder.longPollWindow;
        this.maxFrameSize = builder.maxFrameSize;
        this.webSocket = builder.webSocket;
        this.longPoll = builder.longPoll;
    }

    /**
     * The defaults: see the table above.
     *
     * @return the default options
     */
    public static ChannelsOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts building options from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Which origins may connect.
     *
     * @return the origin check
     */
    public OriginCheck checkOrigin() {
        return checkOrigin;
    }

    /**
     * Whether the phoenix.js 1.8 {@code authToken} is read: from the
     * {@code base64url.bearer.phx.…} subprotocol (WebSocket) or the {@code X-Phoenix-AuthToken}
     * header (long-poll), into {@link dev.channels.ConnectInfo#authToken()}.
     *
     * @return true when read
     */
    public boolean authToken() {
        return authToken;
    }

    /**
     * How long a long-poll GET waits for messages before answering 204; a session with no
     * GET for 1.5 times this long is closed.
     *
     * @return the window
     */
    public Duration longPollWindow() {
        return longPollWindow;
    }

    /**
     * The largest inbound WebSocket message the container buffers, in bytes. The endpoint's
     * own limit ({@code Endpoint.Builder#maxFrameSize}) still applies; keep this one at or
     * above it so the client sees the runtime's close (1009) rather than the container's.
     *
     * @return the limit
     */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Whether {@code {mount}/websocket} is served.
     *
     * @return true when served
     */
    public boolean webSocket() {
        return webSocket;
    }

    /**
     * Whether {@code {mount}/longpoll} is served.
     *
     * @return true when served
     */
    public boolean longPoll() {
        return longPoll;
    }

    @Override
    public String toString() {
        return "ChannelsOptions[checkOrigin=" + checkOrigin + ", authToken=" + authToken
                + ", longPollWindow=" + longPollWindow + ", maxFrameSize=" + maxFrameSize
                + ", webSocket=" + webSocket + ", longPoll=" + longPoll + "]";
    }

    /** Builds {@link ChannelsOptions}. Not thread-safe. */
    public static final class Builder {

        private OriginCheck checkOrigin = OriginCheck.sameAsRequest();
        private boolean authToken = true;
        private Duration longPollWindow = Duration.ofSeconds(10);
        private int maxFrameSize = 8 * 1024 * 1024;
        private boolean webSocket = true;
        private boolean longPoll = true;

        private Builder() {
        }

        /**
         * Sets which origins may connect.
         *
         * @param check the check, such as {@link OriginCheck#allowed}
         * @return this builder
         */
        public Builder checkOrigin(OriginCheck check) {
            this.checkOrigin = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Turns reading the phoenix.js auth token on or off. When off, the subprotocol
         * {@code phoenix} is still selected when offered, so 1.8 clients connect.
         *
         * @param enabled true to read it
         * @return this builder
         */
        public Builder authToken(boolean enabled) {
            this.authToken = enabled;
            return this;
        }

        /**
         * Sets the long-poll window. phoenix.js gives up on a request after 20 s, so keep it
         * well below that.
         *
         * @param window between 1 ms and 19 s
         * @return this builder
         */
        public Builder longPollWindow(Duration window) {
            if (window.toMillis() < 1 || window.compareTo(Duration.ofSeconds(19)) > 0) {
                throw new IllegalArgumentException("longPollWindow must be between 1 ms and"
                        + " 19 s (phoenix.js times a poll out after 20 s); got " + window);
            }
            this.longPollWindow = window;
            return this;
        }

        /**
         * Sets the largest inbound WebSocket message the container buffers.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxFrameSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxFrameSize must be at least 1, got "
                        + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        /**
         * Serves {@code {mount}/websocket} or not.
         *
         * @param enabled true to serve it
         * @return this builder
         */
        public Builder webSocket(boolean enabled) {
            this.webSocket = enabled;
            return this;
        }

        /**
         * Serves {@code {mount}/longpoll} or not.
         *
         * @param enabled true to serve it
         * @return this builder
         */
        public Builder longPoll(boolean enabled) {
            this.longPoll = enabled;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public ChannelsOptions build() {
            return new ChannelsOptions(this);
        }
    }
}
