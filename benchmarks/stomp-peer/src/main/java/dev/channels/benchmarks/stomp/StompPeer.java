package dev.channels.benchmarks.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * The STOMP comparison peer: the chat example's room scenario on Spring's WebSocket STOMP
 * support and its simple broker, on an embedded Jetty 12.1 (ee11).
 *
 * <p>{@code PORT} (default 4001) is the HTTP and WebSocket port. The HTTP contract is the chat
 * example's ({@link PeerHttp}); the STOMP endpoint is {@code /stomp?token=T}
 * ({@link StompConfig}).
 */
@SpringBootApplication
public class StompPeer {

    private static final Logger LOG = LoggerFactory.getLogger(StompPeer.class);

    /**
     * Starts the peer and returns once it listens; the process runs until it is stopped.
     *
     * @param args Spring Boot arguments, such as {@code --server.port=0}
     */
    public static void main(String[] args) {
        SpringApplication.run(StompPeer.class, args);
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        LOG.info("listening on port {}", event.getWebServer().getPort());
    }
}
