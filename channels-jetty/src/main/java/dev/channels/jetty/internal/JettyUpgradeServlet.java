package dev.channels.jetty.internal;

import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.internal.HandshakeServlet;
import dev.channels.jakarta.internal.WebSocketLimits;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {mount}/websocket} through Jetty's own WebSocket API: once
 * {@link HandshakeServlet} accepted the handshake (the same checks, statuses and connect info
 * as channels-jakarta), upgrades with
 * {@link JettyWebSocketServerContainer#upgrade}, which registers no mapping and keeps no
 * per-request configuration: the socket gets a {@link JettyConnection} and nothing else of
 * ours.
 *
 * <p>The upgrade selects {@code phoenix} when offered and declines every extension the client
 * offers, {@code permessage-deflate} included. Phoenix's WebSocket transport does not compress
 * either ({@code compress: false}); a negotiated deflate keeps a zlib deflater and inflater
 * (hundreds of KB of native memory) per socket for its whole life, which would dwarf
 * everything else a socket costs.
 */
public final class JettyUpgradeServlet extends HandshakeServlet<JettyWebSocketServerContainer> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JettyUpgradeServlet.class);

    /** The largest inbound message Jetty buffers, the same for every socket of this mount. */
    private final int limit;

    /**
     * Serves one mounted socket.
     *
     * @param acceptor the socket's entry point
     * @param options the transport options
     */
    public JettyUpgradeServlet(SocketAcceptor acceptor, ChannelsOptions options) {
        super(acceptor, options);
        this.limit = WebSocketLimits.containerLimit(options);
    }

    @Override
    protected JettyWebSocketServerContainer container(HttpServletRequest request) {
        JettyWebSocketServerContainer container =
                JettyWebSocketServerContainer.getContainer(request.getServletContext());
        if (container == null) {
            LOG.warn("no Jetty WebSocket container in the servlet context: call"
                    + " JettyChannels.install before the context starts");
        }
        return container;
    }

    @Override
    protected void upgrade(JettyWebSocketServerContainer container, HttpServletRequest request,
            HttpServletResponse response, Handshake handshake, boolean phoenix)
            throws IOException {
        JettyConnection connection = new JettyConnection(handshake, limit);
        boolean upgraded;
        try {
            upgraded = container.upgrade((upgradeRequest, upgradeResponse) -> {
                if (phoenix) {
                    upgradeResponse.setAcceptedSubProtocol("phoenix");
                }
                upgradeResponse.setExtensions(List.of());
                return connection;
            }, request, response);
        } catch (IOException | RuntimeException e) {
            LOG.debug("the WebSocket upgrade failed: {}", e.toString());
            upgraded = false;
        }
        if (!upgraded) {
            handshake.abandon();
            if (!response.isCommitted()) {
                response.setStatus(400);
            }
        }
    }
}
