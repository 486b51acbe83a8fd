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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    private static final VarHandle STATE;
    private static final VarHandle BACKLOG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ChannelServer.class, "state", State.class);
            BACKLOG = lookup.findVarHandle(ChannelServer.class, "interceptedBacklog", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
    /** Forward only, through STATE. */
    private volatile State state = State.JOINING;
    /** The channel's assigns; shared with the socket until the channel adds one. Mailbox. */
    private Map<String, Object> assigns;
    private Map<String, Object> assignsView;
    /** Extra topics and pending timers, made on first use: most channels have none. */
    private volatile Set<String> extraTopics;
    private volatile Set<Timer> timers;
    /** Intercepted broadcasts waiting in the mailbox; through BACKLOG. */
    private volatile int interceptedBacklog;
    private Subscriber extraSubscriber;
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
        this.mailbox = new Mailbox(runtime.executor(), true);
        if (route.assigns().isEmpty()) {
            this.assigns = session.assigns;
            this.assignsView = session.assigns;
        } else {
            this.assigns = new HashMap<>(session.assigns);
            this.assigns.putAll(route.assigns());
            this.assignsView = Collections.unmodifiableMap(assigns);
        }
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
            state = State.DEAD;
            session.send(reply);
            runEndHooks();
            return;
        }
        state = State.JOINED;
        if (!session.joined(this, reply)) {
            kill(ExitReason.CLOSED);
        }
        mailbox.resume();
    }

    private void joinCrashed(InboundMessage message, long start, Throwable e) {
        state = State.DEAD;
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
                if (state == State.JOINED) {
                    end(ExitReason.LEFT, replyFrame(message.ref(), "ok",
                            EncodedPayload.EMPTY_OBJECT));
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
        if (!STATE.compareAndSet(this, State.JOINED, State.ENDING)) {
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
            if (state != State.JOINED) {
                return;
            }
            long start = System.nanoTime();
            Reply reply = callHandleIn(message);
            long nanos = System.nanoTime() - start;
            logHandleIn(message, nanos);
            OutboundFrame replyFrame = reply.isReply() ? replyFrame(message.ref(),
                    reply.status(), EncodedPayload.of(reply.response())) : null;
            ExitReason stop = reply.isStop() ? reply.stopReason() : takeStopRequest();
            if (stop != null) {
                end(stop, replyFrame);
            } else if (replyFrame != null) {
                session.send(replyFrame);
            }
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
        if (state != State.JOINED) {
            return;
        }
        try {
            channel.handleInfo(message, this);
            afterCallback();
        } catch (UnhandledMessageException e) {
            LOG.warn("{} on {}: {}", channel.getClass().getSimpleName(), topic, e.getMessage());
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void runOut(String event, EncodedPayload payload) {
        BACKLOG.getAndAdd(this, -1);
        if (state != State.JOINED) {
            return;
        }
        try {
            channel.handleOut(event, payload.payload(), this);
            afterCallback();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void afterCallback() {
        ExitReason stop = takeStopRequest();
        if (stop != null) {
            end(stop, null);
        }
    }

    private ExitReason takeStopRequest() {
        ExitReason stop = stopRequested;
        stopRequested = null;
        return stop;
    }

    private void crash(Throwable e) {
        LOG.warn("channel {} ({}) crashed", topic, channel.getClass().getSimpleName(), e);
        end(ExitReason.crash(e), null);
        rethrowFatal(e);
    }

    /**
     * Ends the channel from its own mailbox, in Phoenix's order: its last reply if any, then
     * {@code phx_close} and terminate for a graceful stop (the channel tells its socket before
     * it terminates), or terminate and then {@code phx_error} for a crash (the socket learns
     * of it when the process is gone). Claiming the end first means a socket closing at the
     * same moment cannot change the reason terminate sees.
     */
    private void end(ExitReason reason, OutboundFrame lastReply) {
        if (!STATE.compareAndSet(this, State.JOINED, State.ENDING)) {
            return;
        }
        detach();
        if (lastReply != null) {
            session.send(lastReply);
        }
        if (reason.isGraceful()) {
            session.send(closeFrame());
            terminate(reason);
        } else {
            terminate(reason);
            session.send(errorFrame());
        }
    }

    private void detach() {
        session.channels.remove(topic, this);
        runtime.pubSub().unsubscribe(topic, this);
        Set<String> extras = extraTopics;
        if (extras != null) {
            for (String extra : extras) {
                unsubscribe(extra);
            }
        }
        Set<Timer> pending = timers;
        if (pending != null) {
            pending.forEach(Timer::cancel);
        }
    }

    private void terminate(ExitReason reason) {
        try {
            channel.terminate(reason, this);
        } catch (RuntimeException | Error e) {
            LOG.warn("terminate of {} ({}) threw", topic, channel.getClass().getSimpleName(), e);
            rethrowFatal(e);
        } finally {
            state = State.DEAD;
            synchronized (this) {
                notifyAll();
            }
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

    /**
     * Waits until {@code terminate} has returned, for the test kit's synchronous close.
     *
     * @param timeoutNanos the longest wait
     * @return true when the channel is dead, false after the timeout
     */
    boolean awaitDead(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            while (state != State.DEAD) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
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
        if (state != State.JOINED) {
            return;
        }
        if (intercepts.contains(dispatch.event())) {
            if ((int) BACKLOG.getAndAdd(this, 1) >= runtime.config().maxOutboundMessages()) {
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
        if (state == State.JOINED) {
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
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (assigns == session.assigns) {
            assigns = new HashMap<>(session.assigns);
            assignsView = Collections.unmodifiableMap(assigns);
        }
        assigns.put(key, value);
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
        if (state == State.JOINING) {
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

    private OutboundFrame replyFrame(String ref, String status, EncodedPayload response) {
        return session.serializer.reply(joinRef, ref, topic, status, response);
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
        Objects.requireNonNull(extraTopic, "topic");
        if (!isAlive()) {
            return;
        }
        if (extraTopics == null) {
            extraSubscriber = this::onExtraBroadcast;
            extraTopics = ConcurrentHashMap.newKeySet();
        }
        if (extraTopics.add(extraTopic)) {
            runtime.pubSub().subscribe(extraTopic, extraSubscriber);
            if (!isAlive()) {
                unsubscribe(extraTopic);
            }
        }
    }

    @Override
    public void unsubscribe(String extraTopic) {
        Set<String> extras = extraTopics;
        if (extras != null && extras.remove(extraTopic)) {
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
        Timer timer = new Timer(message);
        pendingTimers().add(timer);
        timer.future = runtime.scheduler().schedule(timer, delay.toNanos(),
                TimeUnit.NANOSECONDS);
        if (!isAlive()) {
            timer.cancel();
        }
        return timer;
    }

    private Set<Timer> pendingTimers() {
        Set<Timer> pending = timers;
        if (pending == null) {
            synchronized (this) {
                pending = timers;
                if (pending == null) {
                    pending = ConcurrentHashMap.newKeySet();
                    timers = pending;
                }
            }
        }
        return pending;
    }

    @Override
    public boolean isAlive() {
        State now = state;
        return now == State.JOINING || now == State.JOINED;
    }

    @Override
    public String toString() {
        return "Channel[" + topic + " " + state + "]";
    }

    /** A message on its way to handleInfo after a delay. */
    private final class Timer implements Runnable, Cancellable {

        private final Object message;
        private volatile ScheduledFuture<?> future;

        Timer(Object message) {
            this.message = message;
        }

        @Override
        public void run() {
            pendingTimers().remove(this);
            send(message);
        }

        @Override
        public boolean cancel() {
            pendingTimers().remove(this);
            ScheduledFuture<?> scheduled = future;
            return scheduled != null && scheduled.cancel(false);
        }
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
