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
import dev.channels.testkit.internal.WebSocketMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tests channels the way Phoenix's {@code ChannelTest} does: connect a socket, join a topic,
 * push, and assert on replies, pushes and broadcasts, in a few lines and a few milliseconds,
 * with no server and no network (or, with one switch, over a real WebSocket server: see
 * <a href="#transport">Transport</a>). Everything runs through the real runtime: the socket's
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
 *       are matched and {@link Payloads} for partial payloads. Asserts wait up to 1 s (5 s
 *       over WebSocket; they return as soon as the event arrives) and refutes watch for
 *       100 ms by default
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
 * <h2 id="transport">Transport: in memory, or over a real WebSocket</h2>
 * <p>By default test sockets reach the endpoint through an in-memory connection that speaks
 * the V2 wire protocol ({@code vsn=2.0.0}, as phoenix.js) through the transport SPI: no
 * server, no network, a few milliseconds a test. The same tests run unchanged over a real
 * WebSocket server, with one switch:
 * <ul>
 *   <li><b>Per kit:</b> {@code ChannelsTestExtension.of(...).transport(Transport.WEBSOCKET)},
 *       or {@link #of(Endpoint, Transport)}.</li>
 *   <li><b>Per run:</b> the system property {@value #TRANSPORT_PROPERTY}, {@code websocket}
 *       or {@code in-memory}, applies to every kit that did not choose, so a whole suite runs
 *       in the other mode: {@code mvn verify -Dchannels.testkit.transport=websocket}.</li>
 * </ul>
 * <p>Over WebSocket, the endpoint is served by {@code channels-jakarta}'s own servlet on an
 * embedded Jetty (one per JVM, on an ephemeral port of 127.0.0.1, started by the first kit
 * that needs it), and each {@link TestSocket} is a real WebSocket client: its frames are text
 * and binary messages on a TCP connection, refusals are HTTP answers, and {@code connect}
 * sees the real request (transport {@code "websocket"}, headers, peer address) unless the
 * test passes its own {@link ConnectInfo}. The mode's dependencies are optional: add
 * {@code dev.channels:channels-jakarta} and
 * {@code org.eclipse.jetty.ee11.websocket:jetty-ee11-websocket-jakarta-server} to the test
 * classpath to use it; without them, selecting it fails with a message that says so (on
 * the module path, also resolve them: {@code --add-modules dev.channels.jakarta,}
 * {@code org.eclipse.jetty.ee11.websocket.jakarta.server}). Asserts wait up to 5 s by
 * default in this mode, still returning as soon as their event arrives.
 *
 * <p>Everything in this guide works in both modes, because the server runs in the test's
 * JVM: {@link #socket(Socket, Map)} (without {@code connect}) still skips {@code connect}
 * over a real upgrade, and {@link TestChannel#send(Object)}, {@link TestSocket#assigns()} and
 * the wait for {@code terminate} still reach the server's side of the socket. What differs:
 * frames of different sockets, and a socket's frames and the kit's own broadcasts, arrive in
 * the order the network delivers them rather than the order the runtime wrote them (asserts
 * match by content, so this only shows in the order a failure message lists events); and a
 * refute, or {@link #assertNoMoreEvents()}, watches for its timeout while frames may still be
 * on the wire, as for any real client.
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
     * The system property that chooses the transport of every kit that did not choose one:
     * {@code websocket} or {@code in-memory} (case and {@code -}/{@code _} do not matter).
     */
    public static final String TRANSPORT_PROPERTY = "channels.testkit.transport";

    /** How test sockets reach the endpoint. */
    public enum Transport {
        /**
         * An in-memory connection on the transport SPI: no server, no network. The default.
         */
        IN_MEMORY,
        /**
         * A real WebSocket client per test socket, to the endpoint served by
         * {@code channels-jakarta} on an embedded Jetty in the test's JVM. Needs
         * {@code channels-jakarta} and {@code jetty-ee11-websocket-jakarta-server} on the
         * test classpath.
         */
        WEBSOCKET
    }

    /**
     * Longer than Phoenix's 100 ms: an assert returns as soon as its event arrives, so this
     * only bounds a failure, and the first test of a cold JVM on a busy machine needs more.
     */
    private static final Duration DEFAULT_ASSERT = Duration.ofSeconds(1);
    /** Over a real socket, frames cross threads and a TCP connection on a loaded machine. */
    private static final Duration DEFAULT_ASSERT_WEBSOCKET = Duration.ofSeconds(5);
    private static final Duration DEFAULT_REFUTE = Duration.ofMillis(100);

    /** Null until set: then the default of the run's transport. */
    private volatile Duration assertTimeout;
    private volatile Duration refuteTimeout = DEFAULT_REFUTE;
    private volatile KitRun run;
    /** The transport this kit chose, or null to follow {@link #TRANSPORT_PROPERTY}. */
    private volatile Transport transport;

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

    /**
     * A kit around an endpoint the test built and shuts down itself, reaching it through the
     * given transport whatever {@value #TRANSPORT_PROPERTY} says.
     *
     * @param endpoint the endpoint whose sockets the test connects to
     * @param transport how test sockets reach it
     * @return the kit
     * @throws IllegalStateException for {@link Transport#WEBSOCKET} when its dependencies
     *     are not on the classpath
     */
    public static ChannelsTestKit of(Endpoint endpoint, Transport transport) {
        ChannelsTestKit kit = new ChannelsTestKit();
        kit.transport = Objects.requireNonNull(transport, "transport");
        kit.start(endpoint);
        return kit;
    }

    final void start(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        ClientTransport clients = transport() == Transport.WEBSOCKET
                ? WebSocketMode.clients(endpoint) : new InMemoryClients(endpoint);
        this.run = new KitRun(this, endpoint, clients);
    }

    final void choose(Transport chosen) {
        this.transport = Objects.requireNonNull(chosen, "transport");
    }

    /**
     * How this kit's test sockets reach the endpoint: the transport the kit was given, or
     * else the one {@value #TRANSPORT_PROPERTY} names, or else {@link Transport#IN_MEMORY}.
     *
     * @return the transport
     * @throws IllegalArgumentException when the system property names no transport
     */
    public Transport transport() {
        Transport chosen = transport;
        return chosen != null ? chosen : fromProperty(System.getProperty(TRANSPORT_PROPERTY));
    }

    private static Transport fromProperty(String value) {
        if (value == null || value.isBlank()) {
            return Transport.IN_MEMORY;
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("INMEMORY") || name.equals("MEMORY")) {
            return Transport.IN_MEMORY;
        }
        try {
            return Transport.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the system property " + TRANSPORT_PROPERTY
                    + " is \"" + value + "\"; expected \"websocket\" or \"in-memory\"", e);
        }
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
     * Sets how long asserts wait for their event by default (unless set, 1 s in memory and
     * 5 s over WebSocket). An assert returns as soon as its event arrives, so this bounds only
     * how long a failure takes.
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
        Duration set = assertTimeout;
        if (set != null) {
            return set;
        }
        KitRun current = run;
        return current == null || current.transport instanceof InMemoryClients
                ? DEFAULT_ASSERT : DEFAULT_ASSERT_WEBSOCKET;
    }

    @Override
    final Duration waitToRefute() {
        return refuteTimeout;
    }
}
