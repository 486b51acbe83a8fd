package dev.channels.benchmarks.stomp;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
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

    /**
     * The same Jetty tuning as the chat example's, so that both servers run the same
     * container the same way: a listen backlog of 1,024 and no header cache on connections
     * (an upgraded one never parses another request). The thread cap is in
     * {@code application.properties}.
     *
     * @return the customizer
     */
    @Bean
    JettyServerCustomizer sameJettyTuningAsTheChat() {
        return server -> {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector listening) {
                    listening.setAcceptQueueSize(1024);
                }
                HttpConnectionFactory http = connector.getConnectionFactory(
                        HttpConnectionFactory.class);
                if (http != null) {
                    http.getHttpConfiguration().setHeaderCacheSize(0);
                }
            }
        };
    }

    @EventListener
    void listening(WebServerInitializedEvent event) {
        LOG.info("listening on port {}", event.getWebServer().getPort());
    }
}
