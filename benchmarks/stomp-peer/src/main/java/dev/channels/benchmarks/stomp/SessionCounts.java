package dev.channels.benchmarks.stomp;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Exact counts of open STOMP sessions and of their subscriptions, for {@code /stats}.
 *
 * <p>Spring publishes CONNECT, SUBSCRIBE and UNSUBSCRIBE events on the thread that read the
 * frame, and the disconnect event when the WebSocket closes, possibly more than once per
 * session. A session counts from its CONNECT until its first disconnect event; a subscription
 * from its SUBSCRIBE until its UNSUBSCRIBE or its session's end. Each session's subscription
 * ids are kept under that session's lock, so a late SUBSCRIBE racing a server-side close
 * cannot leave a count behind. Reading the counts iterates over nothing.
 */
@Component
class SessionCounts {

    private final ConcurrentHashMap<String, Subscriptions> sessions = new ConcurrentHashMap<>();
    private final AtomicLong subscriptions = new AtomicLong();

    /** Open STOMP sessions: CONNECT received, not yet disconnected. */
    int sessions() {
        return sessions.size();
    }

    /** Subscriptions of the open sessions. */
    long subscriptions() {
        return subscriptions.get();
    }

    @EventListener
    void connected(SessionConnectEvent event) {
        sessions.putIfAbsent(sessionId(event), new Subscriptions());
    }

    @EventListener
    void subscribed(SessionSubscribeEvent event) {
        Subscriptions session = sessions.get(sessionId(event));
        if (session != null && session.add(subscriptionId(event))) {
            subscriptions.incrementAndGet();
        }
    }

    @EventListener
    void unsubscribed(SessionUnsubscribeEvent event) {
        Subscriptions session = sessions.get(sessionId(event));
        if (session != null && session.remove(subscriptionId(event))) {
            subscriptions.decrementAndGet();
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        Subscriptions session = sessions.remove(event.getSessionId());
        if (session != null) {
            subscriptions.addAndGet(-session.close());
        }
    }

    private static String sessionId(AbstractSubProtocolEvent event) {
        return SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
    }

    private static String subscriptionId(AbstractSubProtocolEvent event) {
        return SimpMessageHeaderAccessor.getSubscriptionId(event.getMessage().getHeaders());
    }

    /** One session's subscription ids; closed once the session ends. */
    private static final class Subscriptions {

        private final Set<String> ids = new HashSet<>(4);
        private boolean closed;

        synchronized boolean add(String id) {
            return !closed && id != null && ids.add(id);
        }

        synchronized boolean remove(String id) {
            return !closed && ids.remove(id);
        }

        /** Ends the session and returns how many subscriptions it still held. */
        synchronized int close() {
            closed = true;
            int held = ids.size();
            ids.clear();
            return held;
        }
    }
}
