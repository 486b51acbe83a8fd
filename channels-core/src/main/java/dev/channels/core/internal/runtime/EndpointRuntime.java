package dev.channels.core.internal.runtime;

import dev.channels.ConnectInfo;
import dev.channels.ConnectRequest;
import dev.channels.Connect;
import dev.channels.ExitReason;
import dev.channels.SocketInfo;
import dev.channels.core.internal.pubsub.LocalPubSub;
import dev.channels.core.internal.serializer.Serializer;
import dev.channels.core.internal.serializer.Serializers;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every socket and channel of one endpoint shares: settings, threads, pub/sub, the
 * listener, and the set of live sockets.
 */
public final class EndpointRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointRuntime.class);

    private final Config config;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final LocalPubSub pubSub;
    private final Events events;
    private final Set<SocketSession> sockets = ConcurrentHashMap.newKeySet();

    /**
     * Creates the runtime.
     *
     * @param config the settings
     * @param executor where callbacks and writes run
     * @param scheduler timers and idle checks; never runs host code itself
     * @param pubSub this node's pub/sub
     */
    public EndpointRuntime(Config config, ExecutorService executor,
            ScheduledExecutorService scheduler, LocalPubSub pubSub) {
        this.config = config;
        this.executor = executor;
        this.scheduler = scheduler;
        this.pubSub = pubSub;
        this.events = new Events(config.listener());
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(1), config.idleTimeout().toNanos() / 4));
        scheduler.scheduleAtFixedRate(this::sweepIdle, period, period, TimeUnit.NANOSECONDS);
    }

    /** Closes the sockets silent for longer than the idle timeout; one pass over all. */
    private void sweepIdle() {
        long now = System.nanoTime();
        for (SocketSession socket : sockets) {
            try {
                socket.checkIdle(now);
            } catch (RuntimeException e) {
                LOG.warn("idle check of {} failed", socket, e);
            }
        }
    }

    Config config() {
        return config;
    }

    /**
     * The executor callbacks run on.
     *
     * @return the executor
     */
    public ExecutorService executor() {
        return executor;
    }

    /**
     * The timer thread.
     *
     * @return the scheduler
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * This node's pub/sub.
     *
     * @return the pub/sub
     */
    public LocalPubSub pubSub() {
        return pubSub;
    }

    Events events() {
        return events;
    }

    /**
     * The live sockets.
     *
     * @return a live view
     */
    public Set<SocketSession> sockets() {
        return sockets;
    }

    /**
     * The number of joined channels over every socket.
     *
     * @return the count
     */
    public int channelCount() {
        int count = 0;
        for (SocketSession socket : sockets) {
            count += socket.channels.size();
        }
        return count;
    }

    void socketClosed(SocketSession socket) {
        sockets.remove(socket);
        if (sockets.isEmpty()) {
            synchronized (sockets) {
                sockets.notifyAll();
            }
        }
    }

    /**
     * Waits until no socket is left, or the timeout passes.
     *
     * @param timeout the longest wait
     */
    public void awaitNoSockets(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sockets) {
            long left = deadline - System.nanoTime();
            while (!sockets.isEmpty() && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sockets, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = deadline - System.nanoTime();
            }
        }
    }

    /**
     * Closes every socket once its queued frames are written.
     *
     * @param code the close code
     * @param reason the close reason
     * @param channelsReason what each channel's terminate sees
     */
    public void closeAll(int code, String reason, ExitReason channelsReason) {
        for (SocketSession socket : sockets) {
            socket.close(code, reason, channelsReason);
        }
    }

    /**
     * Evaluates a connection attempt (PROTOCOL.md §3.1): serializer, then connect, then id.
     *
     * @param handler the mounted socket
     * @param params the connect parameters
     * @param info the connect info
     * @return the outcome
     */
    public Handshake handshake(SocketHandler handler, Map<String, String> params,
            ConnectInfo info) {
        String vsn = params.get("vsn");
        Optional<Serializer> serializer = Serializers.negotiate(vsn);
        if (serializer.isEmpty()) {
            LOG.warn("The client's requested transport version \"{}\" does not match the"
                    + " server's version requirements of ~> 1.0.0 or ~> 2.0.0", vsn);
            return Handshake.refused(403, "unsupported vsn " + vsn);
        }
        ConnectRequest request = new ConnectRequest(params, info);
        long start = System.nanoTime();
        Connect connect;
        String id = null;
        try {
            connect = handler.socket().connect(request);
            if (connect == null) {
                throw new IllegalStateException("connect returned null; return Connect.refuse()");
            }
            if (connect.accepted()) {
                id = handler.socket().id(info(connect, request)).orElse(null);
            }
        } catch (RuntimeException e) {
            LOG.warn("connect of {} threw; the connection is refused", handler.name(), e);
            connect = Connect.refuse(e.toString());
        }
        logConnect(handler, serializer.get(), request, connect, System.nanoTime() - start);
        if (!connect.accepted()) {
            return Handshake.refused(connect.status(), connect.reason());
        }
        return new Accepted(handler, serializer.get(), request, connect, id);
    }

    /**
     * An accepted V2 handshake that skips the socket's {@code connect} and {@code id}: the
     * socket starts with the given assigns and id, as Phoenix's {@code ChannelTest.socket/3}
     * builds one. For the test kit only.
     *
     * @param handler the mounted socket
     * @param assigns the socket's assigns
     * @param id the socket id, or null for an anonymous socket
     * @param info the connect info the socket's channels see
     * @return the handshake, to be opened with a connection
     */
    public Handshake withoutConnect(SocketHandler handler, Map<String, ?> assigns, String id,
            ConnectInfo info) {
        ConnectRequest request = new ConnectRequest(Map.of("vsn", Serializers.V2.vsn()), info);
        return new Accepted(handler, Serializers.V2, request, Connect.accept(assigns), id);
    }

    private static SocketInfo info(Connect connect, ConnectRequest request) {
        return new SocketInfo() {
            @Override
            public Map<String, Object> assigns() {
                return connect.assigns();
            }

            @Override
            public ConnectRequest request() {
                return request;
            }
        };
    }

    private void logConnect(SocketHandler handler, Serializer serializer, ConnectRequest request,
            Connect connect, long nanos) {
        Map<String, String> params = Logs.filter(request.params(), config.filteredParams());
        if (Logs.enabled(LOG, config.logLevel())) {
            Logs.lifecycle(LOG, config.logLevel(),
                    "{} {} in {}\n  Transport: {}\n  Serializer: V{}\n  Parameters: {}",
                    connect.accepted() ? "CONNECTED TO" : "REFUSED CONNECTION TO",
                    handler.name(), Logs.duration(nanos), request.info().transport(),
                    serializer.vsn().charAt(0), params);
        }
        events.connected(handler.path(), request.info().transport(), serializer.vsn(), params,
                connect.accepted(), nanos);
    }

    /** An accepted handshake, waiting for its connection. */
    private final class Accepted implements Handshake {

        private final SocketHandler handler;
        private final Serializer serializer;
        private final ConnectRequest request;
        private final Connect connect;
        private final String id;
        private final AtomicBoolean used = new AtomicBoolean();

        Accepted(SocketHandler handler, Serializer serializer, ConnectRequest request,
                Connect connect, String id) {
            this.handler = handler;
            this.serializer = serializer;
            this.request = request;
            this.connect = connect;
            this.id = id;
        }

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public int status() {
            return 101;
        }

        @Override
        public String reason() {
            return "";
        }

        @Override
        public String serializer() {
            return serializer.vsn();
        }

        @Override
        public Inbound open(Connection connection) {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("this handshake was already opened or abandoned");
            }
            SocketSession socket = new SocketSession(EndpointRuntime.this, handler, serializer,
                    request, connect.assigns(), id, connection);
            sockets.add(socket);
            socket.start();
            return socket;
        }

        @Override
        public void abandon() {
            used.set(true);
        }
    }
}
