package dev.channels.jakarta;

import dev.channels.core.Endpoint;
import dev.channels.jakarta.internal.LongPollServlet;
import dev.channels.jakarta.internal.WebSocketServlet;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Objects;

/**
 * Serves an {@link Endpoint} in a Jakarta EE 11 container (Servlet 6.1, WebSocket 2.1 or
 * later): every mounted socket at {@code {mount}/websocket} and {@code {mount}/longpoll},
 * relative to the application's context path.
 *
 * <pre>{@code
 * // in a ServletContainerInitializer or ServletContextListener of the host application
 * JakartaChannels.install(servletContext, endpoint, ChannelsOptions.builder()
 *         .checkOrigin(OriginCheck.allowed(List.of("https://example.com")))
 *         .build());
 * }</pre>
 *
 * <p>In a WAR, an {@link EndpointProvider} does the same without this call.
 *
 * <h2>What the client sees</h2>
 * <ul>
 *   <li>A refused handshake (a wrong {@code vsn}, a failed origin check, {@code connect}
 *       refused) is answered before any upgrade: HTTP 403 (or the status {@code connect}
 *       chose) with an empty body over WebSocket, {@code {"status":403}} over long-poll.</li>
 *   <li>The subprotocol {@code phoenix} is selected whenever the client offers it; the
 *       phoenix.js auth token is read from the {@code base64url.bearer.phx.} entry (the token
 *       is standard base64 there: a token whose base64 holds {@code /} makes phoenix.js 1.8.16
 *       throw before it connects, so keep tokens URL-safe).</li>
 *   <li>JSON frames travel as text messages, binary frames (V2) as binary messages;
 *       long-poll carries text only.</li>
 *   <li>Shutting the endpoint down closes WebSockets with 1012 after the frames already queued
 *       for them; parked long-poll GETs get their last messages, then the session is gone.</li>
 * </ul>
 *
 * <h2>How it upgrades</h2>
 * <p>A servlet at {@code {mount}/websocket} runs the handshake itself and calls
 * {@code ServerContainer.upgradeHttpToWebSocket} only when it accepted, so refusals carry a
 * real HTTP status on every container. The container's WebSocket support must be enabled
 * (its {@code ServerContainer} in the servlet context attribute
 * {@code jakarta.websocket.server.ServerContainer}); it is looked up at the first request.
 */
public final class JakartaChannels {

    private JakartaChannels() {
    }

    /**
     * Serves every socket of an endpoint with the default options.
     *
     * @param context the application's servlet context, while it is starting
     * @param endpoint the endpoint
     * @throws IllegalStateException when the context has already started, or a servlet of
     *     the same name is registered
     */
    public static void install(ServletContext context, Endpoint endpoint) {
        install(context, endpoint, ChannelsOptions.defaults());
    }

    /**
     * Serves every socket of an endpoint. Call it while the context starts (from a
     * {@code ServletContainerInitializer} or a {@code ServletContextListener}); servlets
     * cannot be added later. The endpoint stays the caller's: shut it down when the
     * application stops.
     *
     * @param context the application's servlet context, while it is starting
     * @param endpoint the endpoint
     * @param options how to serve it
     * @throws IllegalStateException when the context has already started, or a servlet of
     *     the same name is registered
     */
    public static void install(ServletContext context, Endpoint endpoint,
            ChannelsOptions options) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        for (SocketAcceptor acceptor : endpoint.acceptors()) {
            String mount = acceptor.path().equals("/") ? "" : acceptor.path();
            if (options.webSocket()) {
                register(context, "channels websocket " + acceptor.path(),
                        new WebSocketServlet(acceptor, options), mount + "/websocket");
            }
            if (options.longPoll()) {
                register(context, "channels longpoll " + acceptor.path(),
                        new LongPollServlet(acceptor, options), mount + "/longpoll");
            }
        }
    }

    private static void register(ServletContext context, String name,
            Servlet servlet, String path) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException("a servlet named \"" + name + "\" is already"
                    + " registered: install each endpoint once per context");
        }
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        registration.addMapping(path);
    }
}
