package dev.channels.examples.chat;

import dev.channels.Presence;
import dev.channels.core.Endpoint;
import dev.channels.core.Token;
import dev.channels.jakarta.JakartaChannels;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.time.Duration;
import java.util.Map;

/**
 * The chat application: its services, its endpoint, and how it installs itself into a
 * servlet context: in a WAR by {@link ChatInitializer} (sockets through channels-jakarta), or
 * embedded by {@link ChatServer} (sockets through channels-jetty, HTTP through
 * {@link #installHttp}).
 *
 * <p>Configuration comes from the environment: {@code SECRET_KEY_BASE} (a demo default
 * otherwise; every node of one chat must share it), {@code REDIS_URL} to join other nodes,
 * {@code NODE_NAME} to name this one, and the presence timing between nodes
 * ({@code PRESENCE_BROADCAST_PERIOD_MS}, {@code PRESENCE_DOWN_PERIOD_MS},
 * {@code PRESENCE_PERMDOWN_PERIOD_MS}; see {@link Nodes}).
 */
public final class Chat implements AutoCloseable {

    /** The demo secret, used when {@code SECRET_KEY_BASE} is not set. Never in production. */
    static final String DEMO_SECRET = "demo secret key base, change me in production";

    private final Token tokens;
    private final Rooms rooms = new Rooms();
    private final Messages messages = new Messages();
    private final RecentMessages recent = new RecentMessages();
    private final ChatSocket socket;
    private final Endpoint endpoint;

    /**
     * Builds the chat from the environment.
     *
     * @param env the environment, usually {@code System.getenv()}
     */
    public Chat(Map<String, String> env) {
        this.tokens = Token.builder(env.getOrDefault("SECRET_KEY_BASE", DEMO_SECRET)).build();
        this.socket = new ChatSocket(tokens, this);
        Endpoint.Builder builder = Endpoint.builder().socket("/socket", socket);
        Nodes.configure(builder, env);
        this.endpoint = builder.build();
    }

    /**
     * Serves the chat in a servlet context: the sockets, the HTTP contract and the page.
     *
     * @param context the starting context
     */
    public void install(ServletContext context) {
        JakartaChannels.install(context, endpoint);
        installHttp(context);
    }

    /**
     * Serves the HTTP contract and the page in a servlet context, without the sockets.
     *
     * @param context the starting context
     */
    void installHttp(ServletContext context) {
        ServletRegistration.Dynamic http = context.addServlet("chat", new ChatHttp(this));
        http.addMapping("/token", "/broadcast", "/disconnect", "/stats", "/");
        http.setLoadOnStartup(1);
    }

    /**
     * Signs a connect token for a user, as {@code GET /token} does.
     *
     * @param userId the user
     * @return the token
     */
    public String token(String userId) {
        return tokens.sign(ChatSocket.SALT, userId);
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The socket mounted at {@code /socket}; tests connect to this instance. */
    ChatSocket socket() {
        return socket;
    }

    Rooms rooms() {
        return rooms;
    }

    Messages messages() {
        return messages;
    }

    RecentMessages recent() {
        return recent;
    }

    Presence presence() {
        return endpoint.presence();
    }

    /** Shuts the endpoint down, draining its sockets. */
    @Override
    public void close() {
        endpoint.shutdown(Duration.ofSeconds(10));
    }
}
