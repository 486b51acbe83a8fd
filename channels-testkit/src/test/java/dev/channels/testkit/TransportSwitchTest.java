package dev.channels.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Connect;
import dev.channels.ConnectInfo;
import dev.channels.ConnectRequest;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.core.Endpoint;
import dev.channels.testkit.ChannelsTestKit.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The switch between the in-memory transport and a real WebSocket: the setting per kit, the
 * system property for a whole run, and what the socket's {@code connect} sees in each mode.
 */
class TransportSwitchTest {

    private final String propertyBefore = System.getProperty(ChannelsTestKit.TRANSPORT_PROPERTY);
    private final RecordingSocket socket = new RecordingSocket();
    private final Endpoint endpoint = Endpoint.builder().socket("/socket", socket).build();

    @AfterEach
    void restoreThePropertyAndShutDown() {
        if (propertyBefore == null) {
            System.clearProperty(ChannelsTestKit.TRANSPORT_PROPERTY);
        } else {
            System.setProperty(ChannelsTestKit.TRANSPORT_PROPERTY, propertyBefore);
        }
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void theSystemPropertyChoosesForEveryKitThatDidNotChoose() {
        System.setProperty(ChannelsTestKit.TRANSPORT_PROPERTY, "websocket");
        try (ChannelsTestKit following = ChannelsTestKit.of(endpoint);
                ChannelsTestKit chosen = ChannelsTestKit.of(endpoint, Transport.IN_MEMORY)) {
            assertEquals(Transport.WEBSOCKET, following.transport());
            assertEquals(Transport.IN_MEMORY, chosen.transport());
        }

        System.setProperty(ChannelsTestKit.TRANSPORT_PROPERTY, "In-Memory");
        try (ChannelsTestKit following = ChannelsTestKit.of(endpoint)) {
            assertEquals(Transport.IN_MEMORY, following.transport());
        }

        System.clearProperty(ChannelsTestKit.TRANSPORT_PROPERTY);
        try (ChannelsTestKit following = ChannelsTestKit.of(endpoint)) {
            assertEquals(Transport.IN_MEMORY, following.transport());
        }
    }

    @Test
    void aPropertyThatNamesNoTransportFailsWithWhatItExpects() {
        System.setProperty(ChannelsTestKit.TRANSPORT_PROPERTY, "tcp");

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> ChannelsTestKit.of(endpoint));

        assertEquals("the system property channels.testkit.transport is \"tcp\"; expected"
                + " \"websocket\" or \"in-memory\"", failure.getMessage());
    }

    @Test
    void overWebSocketConnectSeesARealUpgradeRequest() {
        try (ChannelsTestKit kit = ChannelsTestKit.of(endpoint, Transport.WEBSOCKET)) {
            kit.connect(socket, Map.of("token", "a b&c"));
        }

        ConnectRequest request = socket.requests.get();
        ConnectInfo info = request.info();
        assertEquals(Map.of("token", "a b&c", "vsn", "2.0.0"), request.params());
        assertEquals("websocket", info.transport());
        assertEquals("/socket/websocket", info.uri().getPath());
        InetSocketAddress peer = info.peer().orElseThrow();
        assertTrue(peer.getAddress().isLoopbackAddress(), peer::toString);
        assertTrue(info.secWebSocketHeaders().containsKey("sec-websocket-key"),
                info::toString);
    }

    @Test
    void inMemoryConnectSeesTheKitsOwnInfo() {
        try (ChannelsTestKit kit = ChannelsTestKit.of(endpoint, Transport.IN_MEMORY)) {
            kit.connect(socket, Map.of("token", "t"));
        }

        ConnectInfo info = socket.requests.get().info();
        assertEquals("memory", info.transport());
        assertTrue(info.peer().isEmpty());
    }

    @Test
    void connectInfoGivenByTheTestIsWhatConnectSeesInBothModes() {
        ConnectInfo given = ConnectInfo.builder("websocket").header("x-tenant", "acme").build();
        for (Transport transport : Transport.values()) {
            try (ChannelsTestKit kit = ChannelsTestKit.of(endpoint, transport)) {
                kit.connect(socket, Map.of(), given);
            }

            assertEquals(Map.of("x-tenant", "acme"), socket.requests.get().info().xHeaders(),
                    transport::toString);
        }
    }

    /** Accepts everyone and keeps the last connect request. */
    private static final class RecordingSocket implements Socket {

        final AtomicReference<ConnectRequest> requests = new AtomicReference<>();

        @Override
        public void routes(Routes routes) {
        }

        @Override
        public Connect connect(ConnectRequest request) {
            requests.set(request);
            return Connect.accept();
        }
    }
}
