package dev.channels.jetty;

import dev.channels.core.Endpoint;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.JakartaChannels;
import dev.channels.jakarta.internal.LongPollServlet;
import dev.channels.jetty.internal.JettyUpgradeServlet;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.Servlet;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * Serves an {@link Endpoint} in an embedded Jetty 12.1 (ee11) through Jetty's WebSocket core:
 * every mounted socket at {@code {mount}/websocket}, and long-poll at
 * {@code {mount}/longpoll}, relative to the context's path.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");
 * JettyChannels.install(context, endpoint, ChannelsOptions.builder()
 *         .checkOrigin(OriginCheck.allowed(List.of("https://example.com")))
 *         .build());
 * server.setHandler(context);
 * server.start();
 * }</pre>
 *
 * <h2>When to use it</h2>
 * <p>Where the application embeds Jetty itself. Clients cannot tell it from
 * {@link JakartaChannels}: the same handshake (and the same refusals, with a real HTTP status
 * before any upgrade), the same options, frames, close codes and long-poll. It skips the
 * WebSocket APIs layered on Jetty's core (Jakarta WebSocket's per-session decoders, encoders
 * and endpoint configs; Jetty's own API, which keeps each socket's upgrade request, and
 * through it the HTTP connection, its parser and the headers, for the socket's whole life),
 * so an idle socket holds a few KB of heap where those hold 12 to 20 KB, and its sends go
 * straight to Jetty's frame queue. In a WAR, or any container that is not Jetty, use
 * {@link JakartaChannels}.
 *
 * <h2>What differs from JakartaChannels</h2>
 * <ul>
 *   <li>{@code permessage-deflate} is declined (as Phoenix, whose WebSocket transport does not
 *       compress by default): a negotiated deflate holds a zlib deflater and inflater per
 *       socket for its whole life.</li>
 *   <li>Jetty's WebSocket settings for channels sockets (idle timeout off, no limit on queued
 *       frames, which the runtime bounds itself) are applied to each of them, never to the
 *       context's WebSocket container, so the application's other WebSocket endpoints keep
 *       theirs.</li>
 * </ul>
 */
public final class JettyChannels {

    private static final String WEBSOCKET = "channels websocket ";
    private static final String LONGPOLL = "channels longpoll ";

    private JettyChannels() {
    }

    /**
     * Serves every socket of an endpoint with the default options.
     *
     * @param context the application's servlet context handler, not started yet
     * @param endpoint the endpoint
     * @throws IllegalStateException when the context has started, or a servlet of the same
     *     name is registered
     */
    public static void install(ServletContextHandler context, Endpoint endpoint) {
        install(context, endpoint, ChannelsOptions.defaults());
    }

    /**
     * Serves every socket of an endpoint. Call it before the context starts: it registers one
     * servlet per mount and transport, and the WebSocket servlets set up Jetty's WebSocket
     * components on the context when it starts. The endpoint stays the caller's: shut it
     * down when the application stops (before stopping Jetty, to drain its sockets with
     * 1012).
     *
     * @param context the application's servlet context handler, not started yet
     * @param endpoint the endpoint
     * @param options how to serve it
     * @throws IllegalStateException when the context has started, or a servlet of the same
     *     name is registered
     */
    public static void install(ServletContextHandler context, Endpoint endpoint,
            ChannelsOptions options) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        if (!context.isStopped()) {
            throw new IllegalStateException("install the endpoint before the context starts:"
                    + " its servlets are initialised while it starts");
        }
        for (SocketAcceptor acceptor : endpoint.acceptors()) {
            if (options.webSocket()) {
                checkFree(context, WEBSOCKET + acceptor.path());
            }
            if (options.longPoll()) {
                checkFree(context, LONGPOLL + acceptor.path());
            }
        }
        for (SocketAcceptor acceptor : endpoint.acceptors()) {
            String mount = acceptor.path().equals("/") ? "" : acceptor.path();
            if (options.webSocket()) {
                register(context, WEBSOCKET + acceptor.path(),
                        new JettyUpgradeServlet(acceptor, options), mount + "/websocket");
            }
            if (options.longPoll()) {
                register(context, LONGPOLL + acceptor.path(),
                        new LongPollServlet(acceptor, options), mount + "/longpoll");
            }
        }
    }

    private static void checkFree(ServletContextHandler context, String name) {
        if (context.getServletHandler().getServlet(name) != null) {
            throw new IllegalStateException("a servlet named \"" + name + "\" is already"
                    + " registered: install each endpoint once per context");
        }
    }

    private static void register(ServletContextHandler context, String name, Servlet servlet,
            String path) {
        ServletHolder holder = new ServletHolder(name, servlet);
        holder.setAsyncSupported(true);
        holder.setInitOrder(1);
        context.addServlet(holder, path);
    }
}
