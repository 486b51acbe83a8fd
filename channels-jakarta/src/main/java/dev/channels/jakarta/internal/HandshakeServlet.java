package dev.channels.jakarta.internal;

import dev.channels.ConnectInfo;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {mount}/websocket} up to the upgrade, the same way whatever WebSocket API
 * upgrades: runs the whole handshake (vsn, origin, subprotocol, {@code connect}) with the full
 * servlet request in hand and answers a refusal with its HTTP status and an empty body. Only
 * an accepted handshake reaches {@link #upgrade}, so refusals carry a real HTTP status on
 * every container.
 *
 * <p>A subclass supplies the WebSocket container and the upgrade: {@link WebSocketServlet}
 * through Jakarta WebSocket, channels-jetty through Jetty's WebSocket core.
 *
 * @param <C> the WebSocket container the subclass upgrades with
 */
public abstract class HandshakeServlet<C> extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeServlet.class);

    private final transient SocketAcceptor acceptor;
    private final transient ChannelsOptions options;

    /**
     * Serves one mounted socket.
     *
     * @param acceptor the socket's entry point
     * @param options the transport options
     */
    protected HandshakeServlet(SocketAcceptor acceptor, ChannelsOptions options) {
        this.acceptor = acceptor;
        this.options = options;
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setStatus(400);
            return;
        }
        if (!isUpgrade(request)) {
            refuseBadUpgrade(response);
            return;
        }
        C container = container(request);
        if (container == null) {
            response.setStatus(503);
            return;
        }
        List<String> offered = Requests.subprotocols(request);
        if (options.authToken() && !offered.isEmpty() && !offered.contains("phoenix")) {
            LOG.warn("Could not check Websocket subprotocols: offered {}, supported [phoenix]",
                    offered);
            response.setStatus(403);
            return;
        }
        Handshake handshake = handshake(request, offered);
        if (!handshake.accepted()) {
            response.setStatus(handshake.status());
            return;
        }
        upgrade(container, request, response, handshake, offered.contains("phoenix"));
    }

    /**
     * The transport options this servlet serves with.
     *
     * @return the options
     */
    protected final ChannelsOptions options() {
        return options;
    }

    /**
     * The WebSocket container to upgrade with. Called once per upgrade request, before the
     * handshake runs.
     *
     * @param request the upgrade request
     * @return the container, or null when the container's WebSocket support is missing: the
     *     request is answered 503, and the implementation logs why
     */
    protected abstract C container(HttpServletRequest request);

    /**
     * Upgrades the request of an accepted handshake. The implementation either hands the
     * handshake to the connection it creates ({@link Handshake#open}, when the WebSocket is
     * open) or, when the upgrade fails, {@link Handshake#abandon() abandons} it and answers
     * 400 if the response is not committed.
     *
     * @param container the container from {@link #container}
     * @param request the upgrade request
     * @param response its response
     * @param handshake the accepted handshake
     * @param phoenix whether the client offered the subprotocol {@code phoenix}, which must
     *     then be selected
     * @throws IOException when the answer cannot be written
     */
    protected abstract void upgrade(C container, HttpServletRequest request,
            HttpServletResponse response, Handshake handshake, boolean phoenix)
            throws IOException;

    private Handshake handshake(HttpServletRequest request, List<String> offered) {
        String authToken = options.authToken() ? Requests.authToken(offered) : null;
        ConnectInfo info = Requests.connectInfo("websocket", request, offered, authToken);
        return Gate.handshake(acceptor, options, request, info);
    }

    private static boolean isUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static void refuseBadUpgrade(HttpServletResponse response) throws IOException {
        response.setStatus(400);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write("'connection' header must contain 'upgrade'");
    }
}
