package dev.channels.testkit;

import dev.channels.core.Endpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ChannelsTestKit} as a JUnit 5 extension: before each test it builds a fresh
 * endpoint and starts the kit around it; after each test it closes every socket and
 * subscription the test opened, fails the test if a channel or a subscription leaked, and
 * shuts the endpoint down.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChannelsTestExtension kit = ChannelsTestExtension.of(
 *         () -> Endpoint.builder().socket("/socket", userSocket).build());
 *
 * @Test
 * void pingIsAnswered() {
 *     TestChannel room = kit.socket(userSocket, Map.of("user_id", "7")).join("room:42").channel();
 *     room.assertReply(room.push("ping", Map.of("hello", "there")), "ok",
 *             Map.of("hello", "there"));
 * }
 * }</pre>
 *
 * <p>Register it on an instance field (one kit per test) or a static field (one extension,
 * restarted for each test). Tests that share one instance must not run in parallel.
 *
 * <p>To run the tests over a real WebSocket server rather than in memory, add
 * {@code .transport(Transport.WEBSOCKET)}, or run the suite with
 * {@code -Dchannels.testkit.transport=websocket}; see {@link ChannelsTestKit}'s guide.
 */
public final class ChannelsTestExtension extends ChannelsTestKit
        implements BeforeEachCallback, AfterEachCallback {

    private static final Duration SHUTDOWN = Duration.ofSeconds(1);

    private final Supplier<Endpoint> endpoints;

    private ChannelsTestExtension(Supplier<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * An extension that builds an endpoint for each test.
     *
     * @param endpoints builds a fresh endpoint; called before each test, on the test thread
     * @return the extension
     */
    public static ChannelsTestExtension of(Supplier<Endpoint> endpoints) {
        return new ChannelsTestExtension(Objects.requireNonNull(endpoints, "endpoints"));
    }

    /**
     * Chooses how test sockets reach the endpoint, from the next test on, whatever
     * {@value ChannelsTestKit#TRANSPORT_PROPERTY} says. For a class that runs the tests of
     * another over WebSocket, set it in the subclass's constructor.
     *
     * @param transport the transport
     * @return this extension
     */
    public ChannelsTestExtension transport(Transport transport) {
        choose(transport);
        return this;
    }

    @Override
    public ChannelsTestExtension assertTimeout(Duration timeout) {
        super.assertTimeout(timeout);
        return this;
    }

    @Override
    public ChannelsTestExtension refuteTimeout(Duration timeout) {
        super.refuteTimeout(timeout);
        return this;
    }

    /**
     * Builds the test's endpoint and starts the kit. Called by JUnit.
     *
     * @param context the test
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Endpoint endpoint = Objects.requireNonNull(endpoints.get(),
                "the endpoint supplier of ChannelsTestExtension returned null");
        start(endpoint);
    }

    /**
     * Closes the kit (failing the test on a leak), then shuts the endpoint down. Called by
     * JUnit.
     *
     * @param context the test
     */
    @Override
    public void afterEach(ExtensionContext context) {
        Endpoint endpoint = endpointOrNull();
        try {
            close();
        } finally {
            if (endpoint != null) {
                endpoint.shutdown(SHUTDOWN);
            }
        }
    }
}
