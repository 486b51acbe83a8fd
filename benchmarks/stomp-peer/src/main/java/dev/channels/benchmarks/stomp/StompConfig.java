package dev.channels.benchmarks.stomp;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over plain WebSocket (no SockJS) on {@code /stomp}, Spring's simple broker on
 * {@code /topic}, application destinations under {@code /app}.
 *
 * <p>Everything else is Spring's default, as a Spring user would leave it: the simple broker
 * without a task scheduler (so no server heartbeats), the default inbound and outbound thread
 * pools, no ordering guarantees ({@code preservePublishOrder} off).
 */
@Configuration
@EnableWebSocketMessageBroker
class StompConfig implements WebSocketMessageBrokerConfigurer {

    /**
     * Bytes buffered for one slow session before Spring closes it. Spring's default is 512 KB;
     * our own endpoint closes a socket only past 10,000 queued frames or 16 MB. A MESSAGE frame
     * of the room scenario is 200 to 250 bytes, so 10,000 of them are about 2.5 MB: 4 MB lets a
     * subscriber among 10,000 fall as far behind under a broadcast storm as ours may.
     */
    static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;

    /**
     * How long one blocked write (the client's TCP window full) may last before Spring closes
     * the session; Spring's default is 10 s. Doubled: on 2 cores shared by the load tool and its
     * 10,000 clients, a healthy client can stop reading for seconds during a storm.
     */
    static final int SEND_TIME_LIMIT_MILLIS = 20_000;

    private final PeerTokens tokens;

    StompConfig(PeerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/stomp")
                .setHandshakeHandler(new DefaultHandshakeHandler(jettyWithoutIdleTimeout()))
                .addInterceptors(new TokenHandshake(tokens));
    }

    /**
     * Spring's default upgrade on Jetty (Jetty's own WebSocket API, which Spring 7 prefers
     * whenever it is on the class path), less Jetty's 30 s idle timeout: load-tool clients
     * connect with {@code heart-beat:0,0} and may sit silent in a room far longer. Our own
     * Jakarta transport turns the container's timeout off as well and leaves idleness to the
     * Phoenix heartbeat.
     */
    private static JettyRequestUpgradeStrategy jettyWithoutIdleTimeout() {
        JettyRequestUpgradeStrategy jetty = new JettyRequestUpgradeStrategy();
        jetty.addWebSocketConfigurer(container -> container.setIdleTimeout(Duration.ZERO));
        return jetty;
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic");
        registry.setApplicationDestinationPrefixes("/app");
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendBufferSizeLimit(SEND_BUFFER_BYTES)
                .setSendTimeLimit(SEND_TIME_LIMIT_MILLIS);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new SubscribeReceipts());
    }
}
