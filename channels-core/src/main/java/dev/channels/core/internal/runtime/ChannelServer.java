package dev.channels.core.internal.runtime;

import dev.channels.Cancellable;
import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.ChannelRef;
import dev.channels.ExitReason;
import dev.channels.Join;
import dev.channels.PayloadException;
import dev.channels.Reply;
import dev.channels.SocketRef;
import dev.channels.UnhandledMessageException;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.pubsub.Dispatch;
import dev.channels.core.internal.pubsub.Subscriber;
import dev.channels.core.internal.serializer.InboundMessage;
import dev.channels.spi.transport.OutboundFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One joined topic on one socket: runs the host's {@link Channel} callbacks one at a time
 * from its {@link Mailbox} and carries out what they return (PROTOCOL.md §4.3–§4.11).
 *
 * <p>Concurrency: the callbacks, {@link #assigns}, {@link #currentRef} and
 * {@link #stopRequested} belong to the mailbox. {@link #state} moves forward only, by
 * compare-and-set, so that exactly one of the channel itself (stop, crash) or its socket
 * (close, duplicate join) ends it and sends its last frame. The join runs on the socket's
 * mailbox while this mailbox is still suspended.
 */
final class ChannelServer implements ChannelContext, ChannelRef, Subscriber, ChannelEnd {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelServer.class);
    private static final EncodedPayload CRASH =
            EncodedPayload.of(Map.of("reason", "channel_crash"));
    private static final EncodedPayload JOIN_CRASHED =
            EncodedPayload.of(Map.of("reason", "join crashed"));
    private static final Reply INVALID_PAYLOAD = Reply.error(Map.of("reason", "invalid payload"));

    /** The channel's lifecycle, forward only. */
    enum State { JOINING, JOINED, ENDING, DEAD }

    private final SocketSession session;
    private final EndpointRuntime runtime;
    private final Router.Route route;
    private final String topic;
    /** Carried by pushes and replies: the join's join_ref, or its ref (V1). */
    private final String joinRef;
    /** Carried by phx_close and phx_error: the join's join_ref as sent (null for V1). */
    private final String wireJoinRef;
    private final Mailbox mailbox;
    private final AtomicReference<State> state = new AtomicReference<>(State.JOINING);
    private final Map<String, Object> assigns;
    private final Map<String, Object> assignsView;
    private final Set<String> extraTopics = ConcurrentHashMap.newKeySet();
    private final Set<ScheduledFuture<?>> timers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger interceptedBacklog = new AtomicInteger();
    private final Subscriber extraSubscriber = this::onExtraBroadcast;
    private Channel channel;
    private Set<String> intercepts = Set.of();
    /** The ref of the message in handleIn, for socketRef(). Mailbox only. */
    private String currentRef;
    /** Set when the socket ended the channel: frames it pushes are dropped, as in Phoenix. */
    private volatile boolean silenced;
    /** A stop asked for through the context, applied after the callback. Mailbox only. */
    private ExitReason stopRequested;
    /** Run once when the channel is dead; guarded by itself. */
    private final List<Runnable> endHooks = new ArrayList<>();
    private boolean endHooksRan;

    ChannelServer(SocketSession session, Router.Route route, InboundMessage join) {
        this.session = session;
        this.runtime = session.runtime;
        this.route = route;
        this.topic = join.topic();
        this.wireJoinRef = join.joinRef();
        this.joinRef = join.joinRef() != null ? join.joinRef() : join.ref();
        this.mailbox = new Mailbox(runtime.executor(), true, topic);
        this.assigns = new HashMap<>(session.assigns);
        this.assigns.putAll(route.assigns());
        this.assignsView = Collections.unmodifiableMap(assigns);
    }

    // ---------------------------------------------------------------- join

    /** Runs the join on the socket's mailbox and answers the client. */
    void join(InboundMessage message) {
        long start = System.nanoTime();
        Join result;
        try {
            channel = Objects.requireNonNull(route.channels().get(),
                    "the channel factory of route " + route.pattern() + " returned null");
            result = Objects.requireNonNull(channel.join(topic, message.payload(), this),
                    "join returned null; return Join.ok() or Join.error(...)");
            intercepts = Set.copyOf(channel.intercepts());
        } catch (PayloadException e) {
            LOG.debug("join of {} refused: {}", topic, e.getMessage());
            result = Join.error(INVALID_PAYLOAD.response());
        } catch (RuntimeException | Error e) {
            joinCrashed(message, start, e);
            return;
        }
        EncodedPayload response;
        try {
            response = EncodedPayload.of(result.response());
        } catch (RuntimeException e) {
            joinCrashed(message, start, e);
            return;
        }
        String status = result.isOk() ? "ok" : "error";
        OutboundFrame reply = session.serializer.reply(joinRef, message.ref(), topic, status,
                response);
        logJoin(message, result.isOk(), start);
        if (!result.isOk()) {
            state.set(State.DEAD);
            session.send(reply);
            runEndHooks();
            return;
        }
        state.set(State.JOINED);
        if (!session.joined(this, reply)) {
            kill(ExitReason.CLOSED);
        }
        mailbox.resume();
    }

    private void joinCrashed(InboundMessage message, long start, Throwable e) {
        state.set(State.DEAD);
        LOG.warn("join of {} in {} crashed", topic, session.handler.name(), e);
        session.reply(joinRef, message.ref(), topic, "error", JOIN_CRASHED);
        runtime.events().joined(topic, filteredParams(message), false, System.nanoTime() - start);
        runEndHooks();
        rethrowFatal(e);
    }

    private void logJoin(InboundMessage message, boolean ok, long start) {
        long nanos = System.nanoTime() - start;
        String params = filteredParams(message);
        if (!topic.startsWith("phoenix") && Logs.enabled(LOG, runtime.config().logLevel())) {
            Logs.lifecycle(LOG, runtime.config().logLevel(), "{} {} in {}\n  Parameters: {}",
                    ok ? "JOINED" : "REFUSED JOIN", topic, Logs.duration(nanos), params);
        }
        runtime.events().joined(topic, params, ok, nanos);
    }

    private String filteredParams(InboundMessage message) {
        return Logs.filter(message.payload().isBinary() ? null : message.payload().node(),
                runtime.config().filteredParams());
    }

    /** Subscribes to the channel's own topic; called by the socket under its outbound lock. */
    void subscribeTopic() {
        runtime.pubSub().subscribe(topic, this);
    }

    // ---------------------------------------------------------------- from the socket

    boolean accepts(String messageJoinRef) {
        return messageJoinRef == null || wireJoinRef == null || wireJoinRef.equals(messageJoinRef);
    }

    void handleIn(InboundMessage message) {
        mailbox.execute(() -> runHandleIn(message));
    }

    void leave(InboundMessage message) {
        mailbox.execute(() -> {
            try {
                if (state.get() == State.JOINED) {
                    reply(message.ref(), "ok", EncodedPayload.EMPTY_OBJECT);
                    end(ExitReason.LEFT, true);
                }
            } finally {
                session.inboundDone();
            }
        });
    }

    /**
     * Ends the channel from outside (socket closed, duplicate join, drain): no frame is sent
     * and {@code terminate} runs on the channel's mailbox.
     *
     * @return true when this call ended it, false when it had already ended
     */
    boolean kill(ExitReason reason) {
        if (!state.compareAndSet(State.JOINED, State.ENDING)) {
            return false;
        }
        silenced = true;
        detach();
        mailbox.execute(() -> terminate(reason));
        return true;
    }

    OutboundFrame closeFrame() {
        return session.serializer.message(wireJoinRef, wireJoinRef, topic, "phx_close",
                EncodedPayload.EMPTY_OBJECT);
    }

    private OutboundFrame errorFrame() {
        return session.serializer.message(wireJoinRef, wireJoinRef, topic, "phx_error", CRASH);
    }

    // ---------------------------------------------------------------- callbacks

    private void runHandleIn(InboundMessage message) {
        try {
            if (state.get() != State.JOINED) {
                return;
            }
            long start = System.nanoTime();
            Reply reply = callHandleIn(message);
            long nanos = System.nanoTime() - start;
            logHandleIn(message, nanos);
            if (reply.isReply()) {
                reply(message.ref(), reply.status(), EncodedPayload.of(reply.response()));
            }
            afterCallback(reply.isStop() ? reply.stopReason() : null);
        } catch (RuntimeException | Error e) {
            crash(e);
        } finally {
            session.inboundDone();
        }
    }

    private Reply callHandleIn(InboundMessage message) {
        currentRef = message.ref();
        try {
            return Objects.requireNonNull(
                    channel.handleIn(message.event(), message.payload(), this),
                    "handleIn returned null; return Reply.noReply() to send no reply");
        } catch (PayloadException e) {
            LOG.debug("{} on {}: invalid payload: {}", message.event(), topic, e.getMessage());
            return INVALID_PAYLOAD;
        } finally {
            currentRef = null;
        }
    }

    private void logHandleIn(InboundMessage message, long nanos) {
        if (LOG.isDebugEnabled() && !topic.startsWith("phoenix")) {
            LOG.debug("HANDLED {} INCOMING ON {} ({}) in {}\n  Parameters: {}", message.event(),
                    topic, channel.getClass().getSimpleName(), Logs.duration(nanos),
                    filteredParams(message));
        }
        runtime.events().handledIn(topic, message.event(), nanos);
    }

    private void runInfo(Object message) {
        if (state.get() != State.JOINED) {
            return;
        }
        try {
            channel.handleInfo(message, this);
            afterCallback(null);
        } catch (UnhandledMessageException e) {
            LOG.warn("{} on {}: {}", channel.getClass().getSimpleName(), topic, e.getMessage());
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void runOut(String event, EncodedPayload payload) {
        interceptedBacklog.decrementAndGet();
        if (state.get() != State.JOINED) {
            return;
        }
        try {
            channel.handleOut(event, payload.payload(), this);
            afterCallback(null);
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void afterCallback(ExitReason returned) {
        ExitReason reason = returned != null ? returned : stopRequested;
        stopRequested = null;
        if (reason != null) {
            end(reason, true);
        }
    }

    private void crash(Throwable e) {
        LOG.warn("channel {} ({}) crashed", topic, channel.getClass().getSimpleName(), e);
        end(ExitReason.crash(e), true);
        rethrowFatal(e);
    }

    /** Ends the channel from its own mailbox: the last frame, then terminate. */
    private void end(ExitReason reason, boolean sendFrame) {
        if (!state.compareAndSet(State.JOINED, State.ENDING)) {
            return;
        }
        detach();
        if (sendFrame) {
            session.send(reason.isGraceful() ? closeFrame() : errorFrame());
        }
        terminate(reason);
    }

    private void detach() {
        session.channels.remove(topic, this);
        runtime.pubSub().unsubscribe(topic, this);
        for (String extra : extraTopics) {
            runtime.pubSub().unsubscribe(extra, extraSubscriber);
        }
        extraTopics.clear();
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
    }

    private void terminate(ExitReason reason) {
        try {
            channel.terminate(reason, this);
        } catch (RuntimeException | Error e) {
            LOG.warn("terminate of {} ({}) threw", topic, channel.getClass().getSimpleName(), e);
            rethrowFatal(e);
        } finally {
            state.set(State.DEAD);
            runtime.events().left(topic, reason);
            runEndHooks();
        }
    }

    @Override
    public void whenEnded(Runnable hook) {
        synchronized (endHooks) {
            if (!endHooksRan) {
                endHooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    private void runEndHooks() {
        List<Runnable> run;
        synchronized (endHooks) {
            endHooksRan = true;
            run = new ArrayList<>(endHooks);
            endHooks.clear();
        }
        for (Runnable hook : run) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("an end hook of {} threw", topic, e);
            }
        }
    }

    private static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
        }
    }

    // ---------------------------------------------------------------- fastlane

    @Override
    public void deliver(Dispatch dispatch) {
        if (state.get() != State.JOINED) {
            return;
        }
        if (intercepts.contains(dispatch.event())) {
            if (interceptedBacklog.incrementAndGet() > runtime.config().maxOutboundMessages()) {
                session.slowConsumer();
                return;
            }
            mailbox.execute(() -> runOut(dispatch.event(), dispatch.payload()));
            return;
        }
        if (dispatch.payload().isBinary() && !session.binaryCapable()) {
            return;
        }
        OutboundFrame frame = dispatch.frameFor(session.serializer);
        if (frame != null) {
            session.send(frame);
        }
    }

    private void onExtraBroadcast(Dispatch dispatch) {
        if (state.get() == State.JOINED) {
            mailbox.execute(() -> runInfo(dispatch.toBroadcast()));
        }
    }

    // ---------------------------------------------------------------- ChannelContext

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String joinRef() {
        return joinRef;
    }

    @Override
    public Optional<String> socketId() {
        return Optional.ofNullable(session.id);
    }

    @Override
    public Map<String, Object> assigns() {
        return assignsView;
    }

    @Override
    public ChannelContext assign(String key, Object value) {
        assigns.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public void push(String event, Object payload) {
        requireJoined("push");
        EncodedPayload encoded = outgoing(event, payload);
        if (silenced) {
            return;
        }
        session.send(session.serializer.message(joinRef, null, topic, event, encoded));
    }

    @Override
    public void broadcast(String event, Object payload) {
        requireJoined("broadcast");
        runtime.pubSub().broadcast(topic, event, outgoing(event, payload), null);
    }

    @Override
    public void broadcastFrom(String event, Object payload) {
        requireJoined("broadcastFrom");
        runtime.pubSub().broadcast(topic, event, outgoing(event, payload), this);
    }

    private void requireJoined(String what) {
        if (state.get() == State.JOINING) {
            throw new IllegalStateException(what + " is not allowed inside join: the channel"
                    + " is not joined yet. Send a message to the channel (channel.send(...))"
                    + " and " + what + " from handleInfo, which runs after the join reply");
        }
    }

    private EncodedPayload outgoing(String event, Object payload) {
        Objects.requireNonNull(event, "event");
        EncodedPayload encoded = EncodedPayload.of(Objects.requireNonNull(payload, "payload"));
        if (!encoded.isObjectOrBinary()) {
            throw new IllegalArgumentException("the payload of \"" + event + "\" must encode to a"
                    + " JSON object (a map, record or bean) or be a Binary, got " + encoded);
        }
        return encoded;
    }

    private void reply(String ref, String status, EncodedPayload response) {
        session.reply(joinRef, ref, topic, status, response);
    }

    @Override
    public SocketRef socketRef() {
        if (currentRef == null) {
            throw new IllegalStateException("socketRef() is only available inside handleIn,"
                    + " for a client message that carries a ref");
        }
        return new Ref(currentRef);
    }

    @Override
    public ChannelRef self() {
        return this;
    }

    @Override
    public void subscribe(String extraTopic) {
        if (state.get() != State.ENDING && state.get() != State.DEAD
                && extraTopics.add(extraTopic)) {
            runtime.pubSub().subscribe(extraTopic, extraSubscriber);
        }
    }

    @Override
    public void unsubscribe(String extraTopic) {
        if (extraTopics.remove(extraTopic)) {
            runtime.pubSub().unsubscribe(extraTopic, extraSubscriber);
        }
    }

    @Override
    public void stop(ExitReason reason) {
        stopRequested = Objects.requireNonNull(reason, "reason");
    }

    // ---------------------------------------------------------------- ChannelRef

    @Override
    public void send(Object message) {
        mailbox.execute(() -> runInfo(message));
    }

    @Override
    public Cancellable sendAfter(Object message, Duration delay) {
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        ScheduledFuture<?> timer = runtime.scheduler().schedule(() -> {
            timers.remove(self.get());
            send(message);
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        self.set(timer);
        if (isAlive()) {
            timers.add(timer);
        } else {
            timer.cancel(false);
        }
        return () -> {
            timers.remove(timer);
            return timer.cancel(false);
        };
    }

    @Override
    public boolean isAlive() {
        State now = state.get();
        return now == State.JOINING || now == State.JOINED;
    }

    @Override
    public String toString() {
        return "Channel[" + topic + " " + state.get() + "]";
    }

    /** A reply handle for one message, usable from any thread. */
    private final class Ref implements SocketRef {

        private final String ref;

        Ref(String ref) {
            this.ref = ref;
        }

        @Override
        public void reply(Reply reply) {
            if (!reply.isReply() || reply.isStop()) {
                throw new IllegalArgumentException("a SocketRef sends plain replies"
                        + " (Reply.ok(), Reply.error(...)), not " + reply);
            }
            session.reply(joinRef, ref, topic, reply.status(), EncodedPayload.of(reply.response()));
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String ref() {
            return ref;
        }
    }
}
