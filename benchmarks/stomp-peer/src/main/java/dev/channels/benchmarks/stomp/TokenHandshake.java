package dev.channels.benchmarks.stomp;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a WebSocket handshake on {@code /stomp} only with a valid {@code token} query
 * parameter, and puts its user id in the session attributes under {@link #USER_ID}; anything
 * else is refused with 403 before the upgrade.
 */
final class TokenHandshake implements HandshakeInterceptor {

    /** The session attribute that holds the connected user's id, a string. */
    static final String USER_ID = "user_id";

    private final PeerTokens tokens;

    TokenHandshake(PeerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
            WebSocketHandler handler, Map<String, Object> attributes) {
        Optional<String> userId = tokens.verify(token(request));
        if (userId.isEmpty()) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(USER_ID, userId.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
            WebSocketHandler handler, Exception exception) {
        // Nothing to do once the upgrade is done.
    }

    /** The query parameter, decoded by the servlet container. */
    private static String token(ServerHttpRequest request) {
        if (request instanceof ServletServerHttpRequest servlet) {
            return servlet.getServletRequest().getParameter("token");
        }
        return null;
    }
}
