package dev.channels.jakarta.internal;

import dev.channels.ConnectInfo;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {mount}/websocket}: runs the whole handshake (vsn, origin, subprotocol,
 * {@code connect}) with the full servlet request in hand, answers a refusal with its HTTP
 * status and an empty body, and only then asks the container to upgrade, through
 * {@link ServerContainer#upgradeHttpToWebSocket} (Jakarta WebSocket 2.1). The endpoint
 * config is made per request, so the accepted {@link Handshake} travels with it and no
 * container-specific hook is needed to refuse an upgrade.
 */
public final class WebSocketServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServlet.class);
    private static final String CONTAINER_ATTRIBUTE = ServerContainer.class.getName();

    private final transient SocketAcceptor acceptor;
    private final transient ChannelsOptions options;

    /**
     * Serves one mounted socket.
     *
     * @param acceptor the socket's entry point
     * @param options the transport options
     */
    public WebSocketServlet(SocketAcceptor acceptor, ChannelsOptions options) {
        this.acceptor = acceptor;
        this.options = options;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setStatus(400);
            return;
        }
        if (!isUpgrade(request)) {
            refuseBadUpgrade(response);
            return;
        }
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(CONTAINER_ATTRIBUTE);
        if (container == null) {
            LOG.warn("no Jakarta WebSocket ServerContainer in the servlet context: is the"
                    + " container's WebSocket support enabled?");
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

    private Handshake handshake(HttpServletRequest request, List<String> offered) {
        String authToken = options.authToken() ? Requests.authToken(offered) : null;
        ConnectInfo info = Requests.connectInfo("websocket", request, offered, authToken);
        return Gate.handshake(acceptor, options, request, info);
    }

    private void upgrade(ServerContainer container, HttpServletRequest request,
            HttpServletResponse response, Handshake handshake, boolean phoenix)
            throws IOException {
        ServerEndpointConfig config = ServerEndpointConfig.Builder
                .create(WebSocketConnection.class, request.getServletPath())
                .subprotocols(phoenix ? List.of("phoenix") : List.of())
                .configurator(new PerRequest(handshake, options, phoenix))
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (Exception e) {
            handshake.abandon();
            LOG.debug("the WebSocket upgrade failed: {}", e.toString());
            if (!response.isCommitted()) {
                response.setStatus(400);
            }
        }
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

    /** The configurator of one upgrade: hands the accepted handshake to a new endpoint. */
    private static final class PerRequest extends ServerEndpointConfig.Configurator {

        private final Handshake handshake;
        private final ChannelsOptions options;
        private final boolean phoenix;

        PerRequest(Handshake handshake, ChannelsOptions options, boolean phoenix) {
            this.handshake = handshake;
            this.options = options;
            this.phoenix = phoenix;
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return true;
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return phoenix ? "phoenix" : "";
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                HandshakeResponse response) {
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            Endpoint endpoint = new WebSocketConnection(handshake, options);
            return endpointClass.cast(endpoint);
        }
    }
}
