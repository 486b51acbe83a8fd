package dev.channels.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Broadcast;
import dev.channels.Subscription;
import dev.channels.core.Endpoint;
import dev.channels.testkit.internal.ClientTransport;
import dev.channels.testkit.internal.Event;
import dev.channels.testkit.internal.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What one use of a kit holds (one test, under the extension): the endpoint, the transport,
 * the received events, the sockets opened and the topics subscribed. Thread-safe.
 */
final class KitRun {

    /** How long closing waits for a channel's terminate to return. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long the leak check waits for the counts to drop; they settle synchronously. */
    private static final Duration LEAK_WAIT = Duration.ofMillis(500);

    final ChannelsTestKit kit;
    final Endpoint endpoint;
    final ClientTransport transport;
    final EventLog log = new EventLog();
    private final AtomicLong refs = new AtomicLong();
    private final AtomicInteger socketNumbers = new AtomicInteger();
    private final List<TestSocket> sockets = new CopyOnWriteArrayList<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final int subscriptionsBefore;

    KitRun(ChannelsTestKit kit, Endpoint endpoint, ClientTransport transport) {
        this.kit = kit;
        this.endpoint = endpoint;
        this.transport = transport;
        this.subscriptionsBefore = endpoint.subscriptionCount();
    }

    /** A fresh message ref, unique in this run, as phoenix.js counts them. */
    String nextRef() {
        return Long.toString(refs.incrementAndGet());
    }

    int nextSocketNumber() {
        return socketNumbers.incrementAndGet();
    }

    void opened(TestSocket socket) {
        sockets.add(socket);
    }

    /** Subscribes the kit to a topic once; later calls for the same topic do nothing. */
    Subscription subscribe(String topic) {
        return subscriptions.computeIfAbsent(topic,
                t -> endpoint.subscribe(t, this::heard));
    }

    private void heard(Broadcast broadcast) {
        log.add(new Event(Event.Kind.BROADCAST, 0, broadcast.topic(), broadcast.event(), null,
                null, null, broadcast.payload()));
    }

    /**
     * Closes every socket and subscription of this run, then fails when a channel or a
     * subscription outlived them.
     */
    void close() {
        List<AssertionError> failures = new ArrayList<>();
        for (TestSocket socket : sockets) {
            try {
                socket.close();
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        subscriptions.values().forEach(Subscription::close);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        if (!settles(() -> endpoint.channelCount() == 0)) {
            fail(endpoint.channelCount() + " channels are still joined after every test socket"
                    + " closed: a socket opened outside the kit was left open");
        }
        if (!settles(() -> endpoint.subscriptionCount() <= subscriptionsBefore)) {
            fail("a subscription leaked: the endpoint has " + endpoint.subscriptionCount()
                    + " subscriptions after every test socket closed, " + subscriptionsBefore
                    + " before the test. Close the Subscription of every Endpoint.subscribe"
                    + " (a channel that subscribes in join should close it in terminate)");
        }
    }

    /**
     * Polls a condition until it holds or {@link #LEAK_WAIT} passes. The runtime settles
     * synchronously on the in-memory transport, so the first check normally passes.
     */
    private static boolean settles(BooleanSupplier condition) {
        long deadline = System.nanoTime() + LEAK_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
        return true;
    }
}
