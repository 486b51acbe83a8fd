package dev.channels.jakarta.internal;

import dev.channels.ConnectInfo;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks both transports run before a connection exists: the origin (PROTOCOL.md §3.5),
 * then the runtime's handshake (vsn, {@code connect}, id).
 */
final class Gate {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    private Gate() {
    }

    static Handshake handshake(SocketAcceptor acceptor, ChannelsOptions options,
            HttpServletRequest request, ConnectInfo info) {
        String origin = request.getHeader("Origin");
        if (!options.checkOrigin().accepts(origin, info.uri())) {
            LOG.warn("Could not check origin for Phoenix.Socket transport.\n\nOrigin of the"
                    + " request: {}\n\nThis happens when you are attempting a socket connection"
                    + " to a different host than the one configured ({})", origin,
                    options.checkOrigin());
            return Handshake.refused(403, "origin " + origin + " refused");
        }
        Map<String, String> params = Requests.toMap(Requests.query(request.getQueryString()));
        return handshake(acceptor, params, info);
    }

    static Handshake handshake(SocketAcceptor acceptor, Map<String, String> params,
            ConnectInfo info) {
        try {
            return acceptor.handshake(params, info);
        } catch (IllegalStateException e) {
            return Handshake.refused(503, "the endpoint is shut down");
        }
    }
}
