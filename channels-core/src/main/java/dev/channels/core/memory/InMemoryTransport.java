package dev.channels.core.memory;

import dev.channels.ConnectInfo;
import dev.channels.core.Endpoint;
import dev.channels.spi.transport.Handshake;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A transport without a network: each {@link #connect} makes an {@link InMemoryClient} that
 * speaks raw frames to the endpoint, exactly as a WebSocket client would, through the same
 * handshake and socket state machine. For tests and benchmarks.
 *
 * <pre>{@code
 * InMemoryTransport transport = InMemoryTransport.of(endpoint);
 * InMemoryClient client = transport.connect("/socket", Map.of("vsn", "2.0.0"));
 * client.sendText("[\"1\",\"1\",\"room:lobby\",\"phx_join\",{}]");
 * String reply = client.nextText();
 * }</pre>
 *
 * <p>Thread-safe. Each client has a bounded receive buffer ({@link #receiveBuffer(int)}): when
 * it is full the server's writes wait, as they would on a TCP socket whose peer stopped
 * reading, and the server's outbound queue fills.
 */
public final class InMemoryTransport {

    private final Endpoint endpoint;
    private volatile int receiveBuffer = 100_000;

    private InMemoryTransport(Endpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * A transport to an endpoint.
     *
     * @param endpoint the endpoint
     * @return the transport
     */
    public static InMemoryTransport of(Endpoint endpoint) {
        return new InMemoryTransport(endpoint);
    }

    /**
     * Sets how many frames each later client buffers before the server's writes wait for it
     * to read. Default 100,000.
     *
     * @param frames the buffer size
     * @return this transport
     */
    public InMemoryTransport receiveBuffer(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("receiveBuffer must be at least 1, got " + frames);
        }
        this.receiveBuffer = frames;
        return this;
    }

    /**
     * Connects a client to the socket mounted at a path.
     *
     * @param path the mount path, such as {@code /socket}
     * @param params the connect parameters; include {@code vsn} ({@code "2.0.0"} as phoenix.js
     *     sends, absent for V1)
     * @return the connected client
     * @throws HandshakeRefusedException when the socket refused the connection
     */
    public InMemoryClient connect(String path, Map<String, String> params) {
        URI uri = URI.create(path + "/websocket" + (params.isEmpty() ? "" : "?" + query(params)));
        return connect(path, params, ConnectInfo.builder("memory").uri(uri).build());
    }

    /**
     * Connects a client with the given connect info (headers, peer, URI…).
     *
     * @param path the mount path
     * @param params the connect parameters
     * @param info what the socket's {@code connect} sees
     * @return the connected client
     * @throws HandshakeRefusedException when the socket refused the connection
     */
    public InMemoryClient connect(String path, Map<String, String> params, ConnectInfo info) {
        Handshake handshake = endpoint.acceptor(path).handshake(params, info);
        if (!handshake.accepted()) {
            throw new HandshakeRefusedException(handshake.status(), handshake.reason());
        }
        InMemoryClient client = new InMemoryClient(receiveBuffer);
        client.attach(handshake.open(client.connection()));
        return client;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
