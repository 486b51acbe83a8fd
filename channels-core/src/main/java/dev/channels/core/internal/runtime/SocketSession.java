package dev.channels.core.internal.runtime;

import dev.channels.ChannelRef;
import dev.channels.CloseCodes;
import dev.channels.ConnectRequest;
import dev.channels.ExitReason;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.pubsub.Dispatch;
import dev.channels.core.internal.pubsub.Subscriber;
import dev.channels.core.internal.serializer.FrameException;
import dev.channels.core.internal.serializer.InboundMessage;
import dev.channels.core.internal.serializer.Serializer;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: decodes its frames, routes them by topic (PROTOCOL.md §4.2), owns its
 * channels and its bounded outbound queue.
 *
 * <p>Concurrency: inbound frames are handled one at a time in {@link #mailbox}; {@link
 * #channels} is written there and by channels ending themselves (hence concurrent). The
 * outbound queue and the socket's state are guarded by the session's own monitor (no other
 * code locks a session; a separate lock object was one more cache miss per delivery); one
 * writer at a time drains the queue into the connection, and nothing is called under the
 * lock. A frame sent while no writer runs (the queue is then empty) goes straight into a new
 * batch that the writer hands to the connection: a broadcast to an idle socket touches the
 * socket and its connection, never the queue.
 *
 * <p>The batch is made per write on purpose. Frames are young objects (one per broadcast).
 * Stored in a field of a long-lived object, every delivery dirtied one more card for G1's
 * concurrent refinement to scan: with a batch kept per socket, the fastlane reached 4.2
 * million deliveries a second at 100,000 subscribers on G1 against 31 million on the serial
 * collector. A young batch holding the frame costs 32 bytes of allocation instead, and G1
 * then runs at 22 to 29 million.
 */
public final class SocketSession implements Inbound {

    private static final Logger LOG = LoggerFactory.getLogger(SocketSession.class);
    private static final int BATCH = 64;
    private static final int QUEUED = 0;
    private static final int START_WRITER = 1;
    private static final int OVERFLOW = 2;
    private static final VarHandle PENDING_INBOUND;
    private static final VarHandle FINISHED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING_INBOUND = lookup.findVarHandle(SocketSession.class, "pendingInbound",
                    int.class);
            FINISHED = lookup.findVarHandle(SocketSession.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final EncodedPayload UNMATCHED =
            EncodedPayload.of(Map.of("reason", "unmatched topic"));
    private static final EncodedPayload TOO_MANY =
            EncodedPayload.of(Map.of("reason", "too many channels joined"));

    /** The socket's lifecycle; see {@link #state}. */
    enum State { OPEN, CLOSING, CLOSED }

    final EndpointRuntime runtime;
    final SocketHandler handler;
    final Serializer serializer;
    /**
     * The client's address, for logs. The connect request itself (parameters, headers, URI)
     * is not kept: {@code connect} has seen it, and keeping it cost about 2 KB per socket.
     */
    private final InetSocketAddress peer;
    final Map<String, Object> assigns;
    final String id;
    final Mailbox mailbox;
    final ConcurrentHashMap<String, ChannelServer> channels = new ConcurrentHashMap<>(1);
    private final Connection connection;
    private final boolean binaryCapable;
    /** Client messages accepted but not yet handled; through PENDING_INBOUND. */
    private volatile int pendingInbound;
    private volatile long lastReceived = System.nanoTime();
    private final Subscriber idSubscriber;

    /** Guarded by this: frames waiting for the writer, made when first needed. */
    private ArrayDeque<OutboundFrame> outbox;
    /**
     * Guarded by this: how many frames and bytes wait in the outbox, counted here so that a
     * send to an idle socket checks its limits without touching the deque.
     */
    private int outboxFrames;
    private long outboxBytes;
    /** Guarded by this: a writer is draining the queue. */
    private boolean writing;
    /** Guarded by this. */
    private State state = State.OPEN;
    /** Guarded by this: the close to send once the queue is flushed. */
    private int closeCode;
    private String closeReason;
    /** Set once the socket is gone; through FINISHED. */
    private volatile boolean finished;

    SocketSession(EndpointRuntime runtime, SocketHandler handler, Serializer serializer,
            ConnectRequest request, Map<String, Object> assigns, String id,
            Connection connection) {
        this.runtime = runtime;
        this.handler = handler;
        this.serializer = serializer;
        this.peer = request.info().peer().orElse(null);
        this.assigns = assigns;
        this.id = id;
        this.connection = connection;
        this.binaryCapable = connection.supportsBinary();
        this.mailbox = new Mailbox(runtime.executor(), false);
        this.idSubscriber = id == null ? null : this::onIdBroadcast;
    }

    void start() {
        if (id != null) {
            runtime.pubSub().subscribe(id, idSubscriber);
        }
    }

    /**
     * The assigns the socket was accepted with.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> assigns() {
        return assigns;
    }

    /**
     * The socket's id.
     *
     * @return the id, or null for an anonymous socket
     */
    public String id() {
        return id;
    }

    /**
     * A handle on the channel joined to a topic on this socket.
     *
     * @param topic the topic
     * @return the channel, or null when none is joined
     */
    public ChannelRef channel(String topic) {
        return channels.get(topic);
    }

    /**
     * Waits until a channel of this socket has finished its {@code terminate}.
     *
     * @param channel a handle from {@link #channel(String)}
     * @param timeout the longest wait
     * @return true when it has, false after the timeout
     */
    public boolean awaitEnded(ChannelRef channel, java.time.Duration timeout) {
        return ((ChannelServer) channel).awaitDead(timeout.toNanos());
    }

    // ---------------------------------------------------------------- inbound

    @Override
    public void onText(String frame) {
        lastReceived = System.nanoTime();
        if (frame.length() > runtime.config().maxFrameBytes()) {
            drop(CloseCodes.TOO_BIG, "frame too large");
            return;
        }
        if (admit()) {
            mailbox.execute(() -> handle(frame, null));
        }
    }

    @Override
    public void onBinary(ByteBuffer frame) {
        lastReceived = System.nanoTime();
        if (frame.remaining() > runtime.config().maxFrameBytes()) {
            drop(CloseCodes.TOO_BIG, "frame too large");
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
        if (admit()) {
            mailbox.execute(() -> handle(null, copy));
        }
    }

    @Override
    public void onActivity() {
        lastReceived = System.nanoTime();
    }

    private boolean admit() {
        if ((int) PENDING_INBOUND.getAndAdd(this, 1) >= runtime.config().maxPendingInbound()) {
            drop(CloseCodes.POLICY_VIOLATION, "too many pending messages");
            return false;
        }
        return true;
    }

    /** A client message has been handled, by the socket or by its channel. */
    void inboundDone() {
        PENDING_INBOUND.getAndAdd(this, -1);
    }

    private void handle(String text, ByteBuffer binary) {
        if (!isOpen()) {
            inboundDone();
            return;
        }
        InboundMessage message;
        try {
            message = text != null ? serializer.decodeText(text) : serializer.decodeBinary(binary);
        } catch (FrameException e) {
            inboundDone();
            drop(e.closeCode(), e.getMessage());
            return;
        }
        try {
            dispatch(message);
        } catch (RuntimeException e) {
            LOG.warn("internal error handling {} on {}", message.event(), message.topic(), e);
            close(CloseCodes.INTERNAL_ERROR, "internal error", ExitReason.CLOSED);
        }
    }

    private void dispatch(InboundMessage message) {
        String topic = message.topic();
        String event = message.event();
        if ("phoenix".equals(topic) && "heartbeat".equals(event)) {
            reply(null, message.ref(), topic, "ok", EncodedPayload.EMPTY_OBJECT);
            inboundDone();
            return;
        }
        ChannelServer existing = channels.get(topic);
        if ("phx_join".equals(event)) {
            if (existing != null) {
                duplicateJoin(existing, message);
            } else {
                join(message);
            }
            inboundDone();
        } else if (existing == null) {
            if ("phx_leave".equals(event)) {
                reply(message.joinRef(), message.ref(), topic, "ok", EncodedPayload.EMPTY_OBJECT);
            } else {
                reply(null, message.ref(), topic, "error", UNMATCHED);
            }
            inboundDone();
        } else if (!existing.accepts(message.joinRef())) {
            LOG.debug("dropped {} on {}: stale join ref {}", event, topic, message.joinRef());
            inboundDone();
        } else if ("phx_leave".equals(event)) {
            existing.leave(message);
        } else {
            existing.handleIn(message);
        }
    }

    private void join(InboundMessage message) {
        String topic = message.topic();
        Router.Route route = handler.route(topic);
        if (route == null) {
            LOG.info("Ignoring unmatched topic \"{}\" in {}", topic, handler.name());
            reply(null, message.ref(), topic, "error", UNMATCHED);
            return;
        }
        if (channels.size() >= runtime.config().maxChannelsPerSocket()) {
            LOG.info("Refused join of {}: socket already joined {} channels", topic,
                    channels.size());
            reply(message.joinRef(), message.ref(), topic, "error", TOO_MANY);
            return;
        }
        new ChannelServer(this, route, message).join(message);
    }

    private void duplicateJoin(ChannelServer existing, InboundMessage message) {
        LOG.debug("Duplicate channel join for topic \"{}\" in {}. Closing existing channel.",
                message.topic(), handler.name());
        boolean ended = existing.kill(ExitReason.DUPLICATE_JOIN);
        join(message);
        if (ended) {
            send(existing.closeFrame());
        }
    }

    /**
     * Registers a joined channel and queues its join reply, so that no broadcast on its
     * topic can be written before the reply.
     */
    boolean joined(ChannelServer server, OutboundFrame reply) {
        int outcome;
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            channels.put(server.topic(), server);
            server.subscribeTopic();
            outcome = enqueue(reply);
        }
        afterEnqueue(outcome, reply);
        return true;
    }

    private void onIdBroadcast(Dispatch dispatch) {
        if ("disconnect".equals(dispatch.event())) {
            close(CloseCodes.GOING_AWAY, "disconnected", ExitReason.DISCONNECTED);
        }
    }

    // ---------------------------------------------------------------- outbound

    void reply(String joinRef, String ref, String topic, String status, EncodedPayload payload) {
        send(serializer.reply(joinRef, ref, topic, status, payload));
    }

    /**
     * Queues a frame. Frames are written in the order they were queued. When the queue is
     * over its limit the socket is closed as a slow consumer.
     *
     * @param frame the frame; dropped when the socket is closing
     */
    public void send(OutboundFrame frame) {
        int outcome;
        synchronized (this) {
            outcome = enqueue(frame);
        }
        afterEnqueue(outcome, frame);
    }

    /** Queues a frame; the caller holds the lock and acts on the outcome after releasing it. */
    private int enqueue(OutboundFrame frame) {
        if (state != State.OPEN) {
            return QUEUED;
        }
        Config config = runtime.config();
        if (outboxFrames >= config.maxOutboundMessages()
                || outboxBytes + frame.size() > config.maxOutboundBytes()) {
            return OVERFLOW;
        }
        if (!writing) {
            // No writer, so the outbox is empty: this caller becomes the writer.
            writing = true;
            return START_WRITER;
        }
        if (outbox == null) {
            outbox = new ArrayDeque<>(4);
        }
        outbox.add(frame);
        outboxFrames++;
        outboxBytes += frame.size();
        return QUEUED;
    }

    private void afterEnqueue(int outcome, OutboundFrame frame) {
        if (outcome == START_WRITER) {
            Batch batch = new Batch(this, frame);
            if (write(batch)) {
                drain(batch);
            }
        } else if (outcome == OVERFLOW) {
            slowConsumer();
        }
    }

    /**
     * Whether binary frames can reach this client (V2 serializer, not long-poll).
     *
     * @return true when binary frames can be sent
     */
    boolean binaryCapable() {
        return binaryCapable;
    }

    private void drain(Batch batch) {
        while (true) {
            int code;
            String reason;
            synchronized (this) {
                if (state == State.CLOSED) {
                    writing = false;
                    return;
                }
                for (int i = 0; i < BATCH && outboxFrames > 0; i++) {
                    OutboundFrame frame = outbox.poll();
                    outboxFrames--;
                    outboxBytes -= frame.size();
                    batch.add(frame);
                }
                if (batch.isEmpty()) {
                    writing = false;
                    if (state != State.CLOSING) {
                        return;
                    }
                    state = State.CLOSED;
                    code = closeCode;
                    reason = closeReason;
                } else {
                    code = 0;
                    reason = null;
                }
            }
            if (code != 0) {
                connection.close(code, reason);
                finish(code, reason);
                return;
            }
            if (!write(batch)) {
                return;
            }
        }
    }

    /**
     * Hands the batch to the connection.
     *
     * @return true when the write completed before the call returned, so the caller goes on
     *     draining; false when the completion will
     */
    private boolean write(Batch batch) {
        batch.returned = false;
        connection.write(batch, batch);
        return !Batch.RETURNED.compareAndSet(batch, false, true);
    }

    private void written(Batch batch, Throwable failure) {
        batch.clear();
        if (failure != null) {
            LOG.debug("write to {} failed: {}", this, failure.toString());
            onClosed(1006, "write failed");
            return;
        }
        if (Batch.RETURNED.compareAndSet(batch, false, true)) {
            return;
        }
        drain(batch);
    }

    // ---------------------------------------------------------------- closing

    boolean isOpen() {
        synchronized (this) {
            return state == State.OPEN;
        }
    }

    /**
     * Closes the socket once the frames already queued are written: the channels end with
     * {@code channelsReason} and send nothing more.
     *
     * @param code the close code
     * @param reason the close reason
     * @param channelsReason what the channels' {@code terminate} sees
     */
    public void close(int code, String reason, ExitReason channelsReason) {
        boolean closeNow;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            closeCode = code;
            closeReason = reason;
            closeNow = !writing;
            if (closeNow) {
                state = State.CLOSED;
            }
        }
        endChannels(channelsReason);
        if (closeNow) {
            connection.close(code, reason);
            finish(code, reason);
        }
    }

    /** Closes the socket because of its client: a bad frame or a flood. */
    private void drop(int code, String reason) {
        LOG.info("closing socket {} ({} {}): {}", id == null ? "" : id, code, reason,
                peer == null ? "" : peer.toString());
        runtime.events().dropped(id, code, reason);
        close(code, reason, ExitReason.CLOSED);
    }

    void slowConsumer() {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSED;
            outbox = null;
            outboxFrames = 0;
            outboxBytes = 0;
        }
        String reason = "slow consumer";
        LOG.info("closing socket {} ({} {}): outbound queue over its limit",
                id == null ? "" : id, CloseCodes.SLOW_CONSUMER, reason);
        runtime.events().dropped(id, CloseCodes.SLOW_CONSUMER, reason);
        endChannels(ExitReason.CLOSED);
        connection.close(CloseCodes.SLOW_CONSUMER, reason);
        finish(CloseCodes.SLOW_CONSUMER, reason);
    }

    @Override
    public void onClosed(int code, String reason) {
        synchronized (this) {
            state = State.CLOSED;
            outbox = null;
            outboxFrames = 0;
            outboxBytes = 0;
        }
        endChannels(ExitReason.CLOSED);
        finish(code, reason);
    }

    private void endChannels(ExitReason reason) {
        for (ChannelServer server : channels.values()) {
            server.kill(reason);
        }
    }

    private void finish(int code, String reason) {
        if (!FINISHED.compareAndSet(this, false, true)) {
            return;
        }
        if (id != null) {
            runtime.pubSub().unsubscribe(id, idSubscriber);
        }
        runtime.socketClosed(this);
        runtime.events().closed(id, code, Objects.requireNonNullElse(reason, ""));
    }

    /**
     * The frames of the write under way and its completion, in one small object: the first
     * frame in a field, the others (when the writer drains a queue) in an array made when
     * first needed.
     */
    /**
     * The frames of one write, and the write's completion. Owned by the writer; a drain reuses
     * it for the frames that queued meanwhile.
     */
    private static final class Batch extends AbstractList<OutboundFrame>
            implements RandomAccess, WriteCompletion {

        static final VarHandle RETURNED;

        static {
            try {
                RETURNED = MethodHandles.lookup().findVarHandle(Batch.class, "returned",
                        boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final SocketSession session;
        private OutboundFrame first;
        private OutboundFrame[] more;
        private int size;
        /** Whether the write call returned or completed first; through RETURNED. */
        volatile boolean returned;

        Batch(SocketSession session, OutboundFrame first) {
            this.session = session;
            this.first = first;
            this.size = 1;
        }

        @Override
        public OutboundFrame get(int index) {
            Objects.checkIndex(index, size);
            return index == 0 ? first : more[index - 1];
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean add(OutboundFrame frame) {
            if (size == 0) {
                first = frame;
            } else {
                if (more == null) {
                    more = new OutboundFrame[BATCH - 1];
                }
                more[size - 1] = frame;
            }
            size++;
            return true;
        }

        @Override
        public void clear() {
            first = null;
            if (size > 1) {
                Arrays.fill(more, 0, size - 1, null);
            }
            size = 0;
        }

        @Override
        public void complete(Throwable failure) {
            session.written(this, failure);
        }
    }

    // ---------------------------------------------------------------- idle timeout

    /**
     * Closes the socket when nothing arrived for the idle timeout. Called periodically by the
     * endpoint's sweeper, on the timer thread.
     *
     * @param now the current {@link System#nanoTime()}
     */
    void checkIdle(long now) {
        long silent = now - lastReceived;
        if (!finished && silent >= runtime.config().idleTimeout().toNanos()) {
            LOG.debug("closing idle socket {} after {}", this, Logs.duration(silent));
            close(CloseCodes.GOING_AWAY, "idle timeout", ExitReason.CLOSED);
        }
    }

    @Override
    public String toString() {
        return "Socket[" + handler.path() + (id == null ? "" : " " + id) + " "
                + serializer.vsn() + "]";
    }
}
