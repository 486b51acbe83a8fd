package dev.channels;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the transport knew about a connection when it was made: the request URI, the peer's
 * address, the request headers, the subprotocols offered and the auth token. The counterpart
 * of Phoenix's {@code connect_info}.
 *
 * <p>Header names are lower case; values are kept in the order they arrived. Everything here
 * comes from the client and is untrusted, except the peer address, which the container
 * reports.
 *
 * <p>Transports build one with {@link #builder(String)}; tests may too.
 */
public final class ConnectInfo {

    private final String transport;
    private final URI uri;
    private final InetSocketAddress peer;
    private final Map<String, List<String>> headers;
    private final List<String> subprotocols;
    private final String authToken;

    private ConnectInfo(Builder builder) {
        this.transport = builder.transport;
        this.uri = builder.uri;
        this.peer = builder.peer;
        this.headers = Collections.unmodifiableMap(copyOf(builder.headers));
        this.subprotocols = List.copyOf(builder.subprotocols);
        this.authToken = builder.authToken;
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return copy;
    }

    /**
     * Starts building the connect info of one connection.
     *
     * @param transport the transport's name: {@code "websocket"}, {@code "longpoll"} or
     *     {@code "memory"}
     * @return a builder
     */
    public static Builder builder(String transport) {
        return new Builder(transport);
    }

    /**
     * The transport's name: {@code "websocket"}, {@code "longpoll"} or {@code "memory"}.
     *
     * @return the transport
     */
    public String transport() {
        return transport;
    }

    /**
     * The request URI, with scheme, host, port, path and raw query where the transport knows
     * them.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The peer's address and port, as the container reports it.
     *
     * @return the address, or empty when the transport does not know it
     */
    public Optional<InetSocketAddress> peer() {
        return Optional.ofNullable(peer);
    }

    /**
     * Every request header, by lower-case name.
     *
     * @return an unmodifiable map
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty when absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The headers whose name starts with {@code x-}, as Phoenix's {@code x_headers}.
     *
     * @return name and first value, in arrival order
     */
    public Map<String, String> xHeaders() {
        return headersStartingWith("x-");
    }

    /**
     * The {@code traceparent} and {@code tracestate} headers, as Phoenix's
     * {@code trace_context_headers}.
     *
     * @return name and first value
     */
    public Map<String, String> traceContextHeaders() {
        Map<String, String> trace = new LinkedHashMap<>();
        header("traceparent").ifPresent(value -> trace.put("traceparent", value));
        header("tracestate").ifPresent(value -> trace.put("tracestate", value));
        return trace;
    }

    /**
     * The headers whose name starts with {@code sec-websocket-}.
     *
     * @return name and first value, in arrival order
     */
    public Map<String, String> secWebSocketHeaders() {
        return headersStartingWith("sec-websocket-");
    }

    /**
     * The {@code user-agent} header.
     *
     * @return the value, or empty when absent
     */
    public Optional<String> userAgent() {
        return header("user-agent");
    }

    /**
     * The subprotocols the client offered, split on commas, without the auth token entry.
     *
     * @return the offered subprotocols, in order
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * The auth token the client sent: the phoenix.js 1.8 {@code authToken} option, carried in
     * {@code Sec-WebSocket-Protocol} or in the {@code x-phoenix-authtoken} header.
     *
     * @return the decoded token, or empty when none was sent
     */
    public Optional<String> authToken() {
        return Optional.ofNullable(authToken);
    }

    private Map<String, String> headersStartingWith(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name.startsWith(prefix) && !values.isEmpty()) {
                found.put(name, values.get(0));
            }
        });
        return found;
    }

    @Override
    public String toString() {
        return "ConnectInfo[" + transport + " " + uri + "]";
    }

    /** Builds a {@link ConnectInfo}. Not thread-safe. */
    public static final class Builder {

        private final String transport;
        private URI uri = URI.create("/");
        private InetSocketAddress peer;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<String> subprotocols = new ArrayList<>();
        private String authToken;

        private Builder(String transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
        }

        /**
         * Sets the request URI.
         *
         * @param uri the URI
         * @return this builder
         */
        public Builder uri(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * Sets the peer's address.
         *
         * @param peer the address, or null when unknown
         * @return this builder
         */
        public Builder peer(InetSocketAddress peer) {
            this.peer = peer;
            return this;
        }

        /**
         * Adds one value of a header; the name is stored in lower case.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds an offered subprotocol.
         *
         * @param subprotocol the name
         * @return this builder
         */
        public Builder subprotocol(String subprotocol) {
            subprotocols.add(Objects.requireNonNull(subprotocol, "subprotocol"));
            return this;
        }

        /**
         * Sets the auth token.
         *
         * @param authToken the decoded token, or null
         * @return this builder
         */
        public Builder authToken(String authToken) {
            this.authToken = authToken;
            return this;
        }

        /**
         * Builds the connect info.
         *
         * @return an immutable connect info
         */
        public ConnectInfo build() {
            return new ConnectInfo(this);
        }
    }
}
