package dev.channels.jakarta.internal;

import dev.channels.jakarta.ChannelsOptions;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {mount}/websocket} through Jakarta WebSocket: once {@link HandshakeServlet}
 * accepted the handshake, asks the container to upgrade through
 * {@link ServerContainer#upgradeHttpToWebSocket} (Jakarta WebSocket 2.1). The endpoint config
 * is made per request, so the accepted {@link Handshake} travels with it and no
 * container-specific hook is needed to refuse an upgrade.
 */
public final class WebSocketServlet extends HandshakeServlet<ServerContainer> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServlet.class);
    private static final String CONTAINER_ATTRIBUTE = ServerContainer.class.getName();

    /**
     * Serves one mounted socket.
     *
     * @param acceptor the socket's entry point
     * @param options the transport options
     */
    public WebSocketServlet(SocketAcceptor acceptor, ChannelsOptions options) {
        super(acceptor, options);
    }

    @Override
    protected ServerContainer container(HttpServletRequest request) {
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(CONTAINER_ATTRIBUTE);
        if (container == null) {
            LOG.warn("no Jakarta WebSocket ServerContainer in the servlet context: is the"
                    + " container's WebSocket support enabled?");
        }
        return container;
    }

    @Override
    protected void upgrade(ServerContainer container, HttpServletRequest request,
            HttpServletResponse response, Handshake handshake, boolean phoenix)
            throws IOException {
        ServerEndpointConfig config = ServerEndpointConfig.Builder
                .create(WebSocketConnection.class, request.getServletPath())
                .subprotocols(phoenix ? List.of("phoenix") : List.of())
                .configurator(new PerRequest(handshake, options(), phoenix))
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
