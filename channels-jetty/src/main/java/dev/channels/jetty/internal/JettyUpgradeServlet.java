package dev.channels.jetty.internal;

import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.internal.HandshakeServlet;
import dev.channels.jakarta.internal.WebSocketLimits;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletCoreRequest;
import org.eclipse.jetty.ee11.servlet.ServletCoreResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {mount}/websocket} through Jetty's WebSocket core: once
 * {@link HandshakeServlet} accepted the handshake (the same checks, statuses and connect info
 * as channels-jakarta), upgrades the request in place with the context's
 * {@link WebSocketMappings}, registering no mapping: the socket gets a {@link JettyConnection}
 * and nothing else of ours, and once the 101 is written nothing keeps the request.
 *
 * <p>The upgrade selects {@code phoenix} when offered and declines every extension the client
 * offers, {@code permessage-deflate} included. Phoenix's WebSocket transport does not compress
 * either ({@code compress: false}); a negotiated deflate keeps a zlib deflater and inflater
 * (hundreds of KB of native memory) per socket for its whole life, which would dwarf
 * everything else a socket costs.
 *
 * <p>Jetty's settings for these sockets (idle timeout off: the runtime times idle sockets out
 * itself by their heartbeats; no limit on queued frames: the runtime bounds them) are this
 * servlet's own, applied to each of its sockets; the context's other WebSocket endpoints keep
 * theirs.
 */
public final class JettyUpgradeServlet extends HandshakeServlet<WebSocketMappings> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JettyUpgradeServlet.class);

    /** The largest inbound message, the same for every socket of this mount. */
    private final int limit;
    /** Jetty's settings for every socket of this mount; see the class comment. */
    private final transient Configuration.ConfigurationCustomizer settings;

    /**
     * Serves one mounted socket.
     *
     * @param acceptor the socket's entry point
     * @param options the transport options
     */
    public JettyUpgradeServlet(SocketAcceptor acceptor, ChannelsOptions options) {
        super(acceptor, options);
        this.limit = WebSocketLimits.containerLimit(options);
        this.settings = new Configuration.ConfigurationCustomizer();
        // Jetty's 30 s default would close sockets whose clients heartbeat every 30 s.
        settings.setIdleTimeout(Duration.ZERO);
        settings.setMaxOutgoingFrames(-1);
    }

    /**
     * Makes sure the context has Jetty's WebSocket components and mappings, the way Jetty's
     * own WebSocket initialisers do; the context is starting and attached to its server.
     */
    @Override
    public void init() {
        ServletContextHandler context =
                ServletContextHandler.getServletContextHandler(getServletContext());
        WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context);
        WebSocketMappings.ensureMappings(context);
    }

    @Override
    protected WebSocketMappings container(HttpServletRequest request) {
        WebSocketMappings mappings = WebSocketMappings.getMappings(
                ServletContextHandler.getServletContextHandler(request.getServletContext()));
        if (mappings == null) {
            LOG.warn("no Jetty WebSocket mappings in the servlet context: is the context"
                    + " stopping?");
        }
        return mappings;
    }

    @Override
    protected void upgrade(WebSocketMappings mappings, HttpServletRequest request,
            HttpServletResponse response, Handshake handshake, boolean phoenix)
            throws IOException {
        JettyConnection connection = new JettyConnection(handshake, limit);
        WebSocketNegotiator negotiator = (upgradeRequest, upgradeResponse, callback) -> {
            if (phoenix) {
                upgradeResponse.setAcceptedSubProtocol("phoenix");
            }
            upgradeResponse.setExtensions(List.of());
            return connection;
        };
        boolean upgraded;
        Request coreRequest = ServletCoreRequest.wrap(request);
        Response coreResponse = ServletCoreResponse.wrap(coreRequest, response, false);
        try (Blocker.Callback written = Blocker.callback()) {
            upgraded = mappings.upgrade(negotiator, coreRequest, coreResponse, written,
                    settings);
            if (upgraded) {
                written.block();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("the WebSocket upgrade failed: {}", e.toString());
            upgraded = false;
        }
        if (!upgraded) {
            connection.abandonUnlessOpened();
            if (!response.isCommitted()) {
                response.setStatus(400);
            }
        }
    }
}
