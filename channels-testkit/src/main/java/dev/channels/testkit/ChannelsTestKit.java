package dev.channels.testkit;

import dev.channels.ConnectInfo;
import dev.channels.Socket;
import dev.channels.SocketInfo;
import dev.channels.ConnectRequest;
import dev.channels.core.Endpoint;
import dev.channels.testkit.internal.ClientTransport;
import dev.channels.testkit.internal.Event;
import dev.channels.testkit.internal.EventLog;
import dev.channels.testkit.internal.InMemoryClients;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tests channels the way Phoenix's {@code ChannelTest} does: connect a socket, join a topic,
 * push, and assert on replies, pushes and broadcasts, in a few lines and a few milliseconds,
 * with no server and no network. Everything runs through the real runtime: the socket's
 * {@code connect}, its routes, the channel's callbacks on their own threads, the V2 wire
 * format, pub/sub and the fastlane.
 *
 * <h2>A test, start to end</h2>
 * <pre>{@code
 * class RoomChannelTest {
 *
 *     private final Token tokens = Token.builder(SECRET_KEY_BASE).build();
 *     private final Rooms rooms = new Rooms().add("room:42", "7");
 *     private final UserSocket userSocket = new UserSocket(tokens, rooms);
 *
 *     @RegisterExtension
 *     final ChannelsTestExtension kit = ChannelsTestExtension.of(
 *             () -> Endpoint.builder().socket("/socket", userSocket).build());
 *
 *     @Test
 *     void aNewMessageIsBroadcastToTheRoom() {
 *         TestSocket socket = kit.connect(userSocket, Map.of("token", tokens.sign("user", "7")));
 *         TestChannel room = socket.subscribeAndJoin("room:42").channel();
 *
 *         String ref = room.push("new_msg", Map.of("body", "hello"));
 *
 *         room.assertReply(ref, "ok");
 *         kit.assertBroadcast("new_msg", Map.of("body", "hello", "user_id", "7"));
 *         room.assertPush("new_msg", Map.of("body", "hello", "user_id", "7"));
 *         kit.assertNoMoreEvents();
 *     }
 *
 *     @Test
 *     void anOutsiderIsRefused() {
 *         TestSocket socket = kit.socket(userSocket, Map.of("user_id", "8"));   // no connect
 *
 *         JoinResult joined = socket.join("room:42");
 *
 *         assertTrue(joined.isError());
 *         assertEquals(Map.of("reason", "unauthorized"), joined.reply().value());
 *     }
 * }
 * }</pre>
 *
 * <h2>In task order</h2>
 * <ol>
 *   <li><b>Connect.</b> {@link #connect(Socket, Map)} runs the socket's real {@code connect}
 *       and {@code id}; {@link #tryConnect(Socket, Map)} also answers a refusal.
 *       {@link #socket(Socket, Map)} opens a socket with given assigns, without
 *       {@code connect}.</li>
 *   <li><b>Join.</b> {@link TestSocket#join(String, Object)} joins through the socket's routes;
 *       {@link TestSocket#subscribeAndJoin(String, Object)} also subscribes the test to the
 *       topic, so that {@code assertBroadcast} sees its broadcasts. Both answer a
 *       {@link JoinResult}: a refused join is a value, not an exception.</li>
 *   <li><b>Push.</b> {@link TestChannel#push(String, Object)} returns the message's ref for
 *       {@code assertReply}; {@link TestChannel#leave()}, {@link TestChannel#close()},
 *       {@link TestChannel#broadcastFrom(String, Object)} and
 *       {@link TestChannel#send(Object)} (to {@code handleInfo}) do the rest.</li>
 *   <li><b>Assert.</b> {@code assertReply}, {@code assertPush}, {@code assertBroadcast}, their
 *       {@code refute…} twins and {@code assertNoMoreEvents}, on the kit (everything) or on a
 *       {@link TestChannel} (that channel only); see {@link EventAssertions} for how events
 *       are matched and {@link Payloads} for partial payloads. Asserts wait up to 1 s (they
 *       return as soon as the event arrives) and refutes watch for 100 ms by default
 *       ({@link #assertTimeout(Duration)}, {@link #refuteTimeout(Duration)}, or a timeout
 *       per call).</li>
 *   <li><b>Clean up.</b> {@link #close()} closes every socket and subscription and fails when
 *       a channel or a subscription outlived them. {@link ChannelsTestExtension} does it after
 *       each test and shuts its endpoint down.</li>
 * </ol>
 *
 * <h2>What differs from Phoenix</h2>
 * <ul>
 *   <li>Each {@link TestSocket} is a real client connection, so {@link TestChannel#close()}
 *       closes the connection and every channel joined on it ends with
 *       {@code ExitReason.CLOSED}.</li>
 *   <li>A graceful stop or leave is seen as {@code phx_close}
 *       ({@link TestChannel#assertClosed()}), a crash as {@code phx_error}
 *       ({@link TestChannel#assertCrashed()}), as a client sees them, rather than as
 *       {@code socket_close} and exit signals.</li>
 *   <li>A broadcast the test client receives through the fastlane is a push with a null join
 *       ref, as in Phoenix where it arrives as a {@code %Message{}}: assert it with
 *       {@code assertPush}. {@code assertBroadcast} sees what the test's own subscription
 *       heard.</li>
 * </ul>
 *
 * <h2>Transport</h2>
 * <p>Test sockets reach the endpoint through an in-memory connection that speaks the V2 wire
 * protocol ({@code vsn=2.0.0}, as phoenix.js) through the transport SPI. The connection is
 * the only transport-specific piece of the kit; running the same tests through a real
 * WebSocket server is planned once a WebSocket transport module exists.
 *
 * <h2>Presence</h2>
 * <p>Presence runs for real on the kit's endpoint: assert what clients see, and ask the API
 * for the rest. {@code presence_state} is an ordinary push; {@code presence_diff} is a
 * broadcast on the topic, so a joined test channel sees it as a push and a subscribed test
 * (see {@link TestSocket#subscribeAndJoin(String, Object)}) as a broadcast too. Diffs are
 * merged over the endpoint's {@code presenceDiffWindow} (25 ms by default), well inside the
 * assert timeout; a test that counts diffs may build its endpoint with a window of zero.
 * <pre>{@code
 * room.assertPush("presence_state", withKeys("7"));
 * kit.assertBroadcast("presence_diff",
 *         having(Map.of("joins", withKeys("7"), "leaves", Map.of())));
 * assertEquals(Set.of("7"), kit.endpoint().presence().list("room:42").keySet());
 * }</pre>
 *
 * <h2>Threads</h2>
 * <p>Use a kit from the test thread. Events arrive from the runtime's threads and wait in the
 * kit until asserted. Nothing sleeps: asserts return as soon as their event arrives.
 */
public class ChannelsTestKit extends EventAssertions implements AutoCloseable {

    /**
     * Longer than Phoenix's 100 ms: an assert returns as soon as its event arrives, so this
     * only bounds a failure, and the first test of a cold JVM on a busy machine needs more.
     */
    private static final Duration DEFAULT_ASSERT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_REFUTE = Duration.ofMillis(100);

    private volatile Duration assertTimeout = DEFAULT_ASSERT;
    private volatile Duration refuteTimeout = DEFAULT_REFUTE;
    private volatile KitRun run;

    ChannelsTestKit() {
    }

    /**
     * A kit around an endpoint the test built and shuts down itself. Prefer
     * {@link ChannelsTestExtension}, which builds one per test and cleans up.
     *
     * <pre>{@code
     * try (ChannelsTestKit kit = ChannelsTestKit.of(endpoint)) {
     *     kit.connect(userSocket, Map.of("token", token)).join("room:42").channel();
     * }
     * }</pre>
     *
     * @param endpoint the endpoint whose sockets the test connects to
     * @return the kit
     */
    public static ChannelsTestKit of(Endpoint endpoint) {
        ChannelsTestKit kit = new ChannelsTestKit();
        kit.start(endpoint);
        return kit;
    }

    final void start(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        ClientTransport transport = new InMemoryClients(endpoint);
        this.run = new KitRun(this, endpoint, transport);
    }

    final KitRun run() {
        KitRun current = run;
        if (current == null) {
            throw new IllegalStateException("the kit is not running: ChannelsTestExtension"
                    + " starts it before each test and closes it after; register it with"
                    + " @RegisterExtension and use it inside a test");
        }
        return current;
    }

    /**
     * The endpoint under test, for broadcasting ({@code endpoint().broadcast(...)}),
     * disconnecting by socket id or counting channels.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return run().endpoint;
    }

    /**
     * Sets how long asserts wait for their event by default (1 s unless set). An assert
     * returns as soon as its event arrives, so this bounds only how long a failure takes.
     *
     * @param timeout the longest wait
     * @return this kit
     */
    public ChannelsTestKit assertTimeout(Duration timeout) {
        this.assertTimeout = checked(timeout);
        return this;
    }

    /**
     * Sets how long refutes and {@link #assertNoMoreEvents()} watch by default (100 ms unless
     * set). Every refute waits this long when it passes.
     *
     * @param timeout how long to watch
     * @return this kit
     */
    public ChannelsTestKit refuteTimeout(Duration timeout) {
        this.refuteTimeout = checked(timeout);
        return this;
    }

    private static Duration checked(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a timeout cannot be negative, got " + timeout);
        }
        return timeout;
    }

    // ---------------------------------------------------------------- sockets

    /**
     * Connects to a socket through its real {@code connect}, failing the test when it
     * refuses; see {@link #connect(Socket, Map, ConnectInfo)}.
     *
     * @param socket the socket instance mounted on the endpoint
     * @param params the connect parameters, as phoenix.js's {@code params}
     * @return the connected socket
     */
    public TestSocket connect(Socket socket, Map<String, String> params) {
        return tryConnect(socket, params).socket();
    }

    /**
     * Connects to a socket through its real {@code connect} and {@code id}, with connect info
     * (headers, peer address, URI), failing the test when it refuses. The parameters get
     * {@code vsn=2.0.0} when they have no {@code vsn}.
     *
     * @param socket the socket instance mounted on the endpoint
     * @param params the connect parameters
     * @param info what {@code connect} sees of the connection; build it with
     *     {@code ConnectInfo.builder("websocket")}
     * @return the connected socket
     * @throws IllegalArgumentException when this socket instance is not mounted on the
     *     endpoint
     */
    public TestSocket connect(Socket socket, Map<String, String> params, ConnectInfo info) {
        return tryConnect(socket, params, info).socket();
    }

    /**
     * Connects to a socket through its real {@code connect}, answering the socket or the
     * refusal.
     *
     * @param socket the socket instance mounted on the endpoint
     * @param params the connect parameters
     * @return the connected socket, or the refusal
     */
    public ConnectResult tryConnect(Socket socket, Map<String, String> params) {
        return attempt(socket, params, null);
    }

    /**
     * Connects to a socket through its real {@code connect}, with connect info, answering the
     * socket or the refusal.
     *
     * @param socket the socket instance mounted on the endpoint
     * @param params the connect parameters
     * @param info what {@code connect} sees of the connection
     * @return the connected socket, or the refusal
     */
    public ConnectResult tryConnect(Socket socket, Map<String, String> params,
            ConnectInfo info) {
        return attempt(socket, params, Objects.requireNonNull(info, "info"));
    }

    private ConnectResult attempt(Socket socket, Map<String, String> params, ConnectInfo info) {
        KitRun current = run();
        TestSocket client = new TestSocket(current);
        ClientTransport.Attempt attempt = current.transport.connect(socket, params, info,
                client.frames());
        if (attempt.connection() == null) {
            return new ConnectResult(null, attempt.status(), attempt.reason());
        }
        return new ConnectResult(client.attach(attempt.connection()), attempt.status(), "");
    }

    /**
     * Opens a socket with no assigns without running its {@code connect}; see
     * {@link #socket(Socket, Map)}.
     *
     * @param socket the socket instance mounted on the endpoint
     * @return the socket
     */
    public TestSocket socket(Socket socket) {
        return socket(socket, Map.of());
    }

    /**
     * Opens a socket with given assigns without running its {@code connect}, as Phoenix's
     * {@code socket(UserSocket, id, assigns)}. The socket is named by its own
     * {@code id(...)}, given these assigns, as {@code connect} would name it.
     *
     * @param socket the socket instance mounted on the endpoint
     * @param assigns the socket's assigns, such as {@code Map.of("user_id", "7")}
     * @return the socket
     */
    public TestSocket socket(Socket socket, Map<String, ?> assigns) {
        Map<String, Object> copy = Map.copyOf(assigns);
        SocketInfo info = new SocketInfo() {
            @Override
            public Map<String, Object> assigns() {
                return copy;
            }

            @Override
            public ConnectRequest request() {
                return new ConnectRequest(Map.of("vsn", "2.0.0"),
                        ConnectInfo.builder("memory").build());
            }
        };
        return socket(socket, socket.id(info).orElse(null), copy);
    }

    /**
     * Opens a socket with given id and assigns without running its {@code connect} or
     * {@code id}.
     *
     * @param socket the socket instance mounted on the endpoint
     * @param id the socket id, such as {@code "users_socket:7"}, or null for an anonymous
     *     socket
     * @param assigns the socket's assigns
     * @return the socket
     */
    public TestSocket socket(Socket socket, String id, Map<String, ?> assigns) {
        KitRun current = run();
        TestSocket client = new TestSocket(current);
        return client.attach(current.transport.open(socket, assigns, id, client.frames()));
    }

    /**
     * Subscribes the test to a topic, as {@code @endpoint.subscribe(topic)} in a Phoenix
     * test, so that {@code assertBroadcast} sees broadcasts there: an extra topic a channel
     * broadcasts to, or a socket id topic. Subscribing twice to a topic does nothing more.
     * The subscription ends with the kit.
     *
     * @param topic the topic
     */
    public void subscribe(String topic) {
        run().subscribe(Objects.requireNonNull(topic, "topic"));
    }

    /**
     * Closes every socket the kit opened (waiting for their channels to terminate) and every
     * subscription, then fails when a channel is still joined on the endpoint or the endpoint
     * has more subscriptions than before the kit started (a subscription leaked). Does not
     * shut the endpoint down. Closing a closed kit does nothing.
     *
     * @throws org.opentest4j.AssertionFailedError when a channel or a subscription leaked
     */
    @Override
    public void close() {
        KitRun current = run;
        run = null;
        if (current != null) {
            current.close();
        }
    }

    final Endpoint endpointOrNull() {
        KitRun current = run;
        return current == null ? null : current.endpoint;
    }

    // ---------------------------------------------------------------- scope

    @Override
    final EventLog log() {
        return run().log;
    }

    @Override
    final boolean inScope(Event event) {
        return true;
    }

    @Override
    final String where() {
        return "";
    }

    @Override
    final Duration waitToAssert() {
        return assertTimeout;
    }

    @Override
    final Duration waitToRefute() {
        return refuteTimeout;
    }
}
