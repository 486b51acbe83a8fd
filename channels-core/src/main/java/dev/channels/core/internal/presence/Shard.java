package dev.channels.core.internal.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.channels.Cancellable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's replica on this node: its {@link State} plus the protocol that keeps it in step
 * with the same shard on other nodes (§6.3 and §6.4 of PROTOCOL.md). Every tick it sends a
 * heartbeat (with its local delta, or empty after enough silent ticks), samples the clocks
 * it heard to ask non-dominated replicas for a transfer, and takes silent replicas down or
 * forgets them.
 *
 * <p>Concurrency: every method may be called from any thread. The state is guarded by this
 * object's monitor; what a call decides to send or report is queued under the monitor and
 * done after it is released, by one thread at a time and in order, so the bus and the
 * listener never run under the lock and diffs keep their order.
 */
final class Shard {

    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

    private final int index;
    private final TrackerConfig config;
    private final java.time.Clock clock;
    private final TrackerScheduler scheduler;
    private final TrackerBus bus;
    private final DiffListener listener;
    private final Random random;
    private final PhxRefs refs;

    // Guarded by this.
    private final State state;
    private final Map<String, Peer> peers = new HashMap<>();
    private final Map<ReplicaId, Map<ReplicaId, Long>> clockset = new HashMap<>();
    private final DeltaGenerations generations;
    private final ArrayDeque<Runnable> outbox = new ArrayDeque<>();
    private boolean draining;
    private int silentPeriods;
    private long ticks;
    private long transferRefs;
    private Cancellable timer;
    private boolean stopped;

    Shard(int index, ReplicaId self, TrackerConfig config, java.time.Clock clock,
            TrackerScheduler scheduler, TrackerBus bus, Random random, DiffListener listener) {
        this.index = index;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.bus = bus;
        this.random = random;
        this.listener = listener;
        this.refs = new PhxRefs(clock, self, index);
        this.state = new State(self);
        this.generations = new DeltaGenerations(config.maxDeltaSizes());
        int[] sizes = config.maxDeltaSizes();
        state.limitChanges(sizes.length == 0 ? 0 : sizes[sizes.length - 1]);
    }

    ReplicaId self() {
        return state.self();
    }

    // ---- lifecycle -------------------------------------------------------------------------

    synchronized void start() {
        long quarter = config.broadcastPeriodMillis() / 4;
        long first = quarter == 0 ? 0 : (long) (random.nextDouble() * quarter);
        timer = scheduler.schedule(first, this::tick);
    }

    void stop(boolean graceful) {
        synchronized (this) {
            stopped = true;
            if (timer != null) {
                timer.cancel();
            }
            if (graceful) {
                broadcast(new TrackerMessage.GracefulPermdown(state.self()));
            }
        }
        flush();
    }

    // ---- local operations ------------------------------------------------------------------

    String track(PresenceOwner owner, String topic, String key, ObjectNode meta) {
        String ref;
        synchronized (this) {
            ObjectNode withRef = meta.deepCopy();
            ref = refs.next();
            withRef.put("phx_ref", ref);
            Element element = state.join(owner.id(), topic, key, withRef);
            if (element == null) {
                return null;
            }
            Changes changes = new Changes();
            changes.joins().add(element);
            report(changes);
        }
        flush();
        return ref;
    }

    void untrack(PresenceOwner owner, String topic, String key) {
        synchronized (this) {
            Element element = state.leave(owner.id(), topic, key);
            if (element != null) {
                Changes changes = new Changes();
                changes.leaves().add(element);
                report(changes);
            }
        }
        flush();
    }

    void untrackAll(PresenceOwner owner) {
        synchronized (this) {
            List<Element> left = state.leaveAll(owner.id());
            Changes changes = new Changes();
            changes.leaves().addAll(left);
            report(changes);
        }
        flush();
    }

    String update(PresenceOwner owner, String topic, String key,
            UnaryOperator<ObjectNode> change) {
        String[] ref = new String[1];
        synchronized (this) {
            Changes changes = state.update(owner.id(), topic, key, old -> {
                ObjectNode next = change.apply(old.meta().deepCopy()).deepCopy();
                ref[0] = refs.next();
                next.put("phx_ref", ref[0]);
                next.put("phx_ref_prev", old.phxRef());
                return next;
            });
            if (changes == null) {
                return null;
            }
            report(changes);
        }
        flush();
        return ref[0];
    }

    synchronized TreeMap<String, List<Element>> list(String topic) {
        return state.list(topic);
    }

    synchronized boolean hasOwner(PresenceOwner owner) {
        return state.hasOwner(owner.id());
    }

    // ---- ticks -----------------------------------------------------------------------------

    void tick() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            ticks++;
            heartbeat();
            pushChanges();
            if (ticks % config.clockSamplePeriods() == 0) {
                requestTransfers();
            }
            detectDown(clock.millis());
            timer = scheduler.schedule(config.broadcastPeriodMillis(), this::tick);
        }
        flush();
    }

    private void pushChanges() {
        Delta changes = state.takeChanges();
        if (changes == null) {
            generations.clear();
        } else {
            generations.push(changes);
        }
    }

    private void heartbeat() {
        if (state.hasDelta()) {
            broadcast(new TrackerMessage.Heartbeat(self(), state.takeDelta(), state.clocks()));
            silentPeriods = 0;
        } else if (silentPeriods >= config.maxSilentPeriods()) {
            broadcast(new TrackerMessage.Heartbeat(self(), null, state.clocks()));
            silentPeriods = 0;
        } else {
            silentPeriods++;
        }
    }

    /**
     * Asks each sampled replica whose clock is not dominated by ours (and by no other sampled
     * clock) for what we lack; a replica whose clock we dominate has nothing for us.
     */
    private void requestTransfers() {
        TreeMap<ReplicaId, Long> mine = state.clocks();
        for (ReplicaId replica : Clock.replicas(clockset)) {
            if (!replica.equals(self()) && state.status(replica) == State.Status.UP
                    && !Clock.dominates(mine, clockset.get(replica))) {
                String ref = self().name() + "/" + (++transferRefs);
                send(replica.name(), new TrackerMessage.TransferReq(ref, self(), mine));
            }
        }
        clockset.clear();
    }

    private void detectDown(long now) {
        Iterator<Peer> it = peers.values().iterator();
        while (it.hasNext()) {
            Peer peer = it.next();
            long silence = now - peer.lastSeen;
            if (silence > config.permdownPeriodMillis()) {
                it.remove();
                forget(peer.id);
            } else if (silence > config.downPeriodMillis()) {
                clockset.remove(peer.id);
                report(state.markDown(peer.id));
            }
        }
    }

    private void forget(ReplicaId replica) {
        clockset.remove(replica);
        Changes changes = state.markDown(replica);
        changes.addAll(state.permdown(replica));
        generations.clear();
        report(changes);
    }

    // ---- messages from other replicas ------------------------------------------------------

    void receive(TrackerMessage message) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (message instanceof TrackerMessage.GracefulPermdown) {
                Peer peer = peers.get(message.from().name());
                if (peer != null && peer.id.equals(message.from())) {
                    peers.remove(message.from().name());
                    forget(peer.id);
                }
            } else if (admit(message.from())) {
                handle(message);
            }
        }
        flush();
    }

    private void handle(TrackerMessage message) {
        if (message instanceof TrackerMessage.Heartbeat heartbeat) {
            if (heartbeat.delta() != null) {
                report(state.merge(heartbeat.delta()));
            }
            Set<ReplicaId> known = state.replicas().keySet();
            Clock.appendClock(clockset, heartbeat.from(),
                    Clock.restrict(heartbeat.clocks(),
                            known));
        } else if (message instanceof TrackerMessage.TransferReq request) {
            pushChanges();
            Delta data = generations.covering(request.clocks());
            if (data == null) {
                data = state.extract(request.from(), request.clocks().keySet());
            }
            send(request.from().name(),
                    new TrackerMessage.TransferAck(request.ref(), self(), data.copy()));
        } else if (message instanceof TrackerMessage.TransferAck ack) {
            report(state.merge(ack.data()));
        }
    }

    /**
     * Notes that a replica is alive: a new name comes up, a down one comes back, a new vsn
     * replaces (permanently removes) the old one. Messages from an older vsn are refused; a
     * forgotten replica that is heard again is a new one.
     */
    private boolean admit(ReplicaId from) {
        if (from.equals(self())) {
            return false;
        }
        long now = clock.millis();
        Peer peer = peers.get(from.name());
        if (peer != null && peer.id.equals(from)) {
            peer.lastSeen = now;
            report(state.markUp(from));
            return true;
        }
        if (peer != null && from.vsn() < peer.id.vsn()) {
            return false;
        }
        if (peer != null) {
            peers.remove(from.name());
            forget(peer.id);
        }
        state.addReplica(from);
        peers.put(from.name(), new Peer(from, now));
        return true;
    }

    // ---- effects, done outside the lock ----------------------------------------------------

    private void broadcast(TrackerMessage message) {
        byte[] bytes = TrackerCodec.encode(message);
        outbox.add(() -> bus.broadcast(index, bytes));
    }

    private void send(String node, TrackerMessage message) {
        byte[] bytes = TrackerCodec.encode(message);
        outbox.add(() -> bus.send(node, index, bytes));
    }

    private void report(Changes changes) {
        if (changes == null || changes.isEmpty()) {
            return;
        }
        TreeMap<String, Changes> byTopic = new TreeMap<>();
        for (Element element : changes.joins()) {
            byTopic.computeIfAbsent(element.topic(), t -> new Changes()).joins().add(element);
        }
        for (Element element : changes.leaves()) {
            byTopic.computeIfAbsent(element.topic(), t -> new Changes()).leaves().add(element);
        }
        outbox.add(() -> listener.diff(byTopic));
    }

    private void flush() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                next = outbox.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.warn("presence shard {} could not deliver a diff or a message", index, e);
            }
        }
    }

    // ---- for tests -------------------------------------------------------------------------

    synchronized State state() {
        return state;
    }

    synchronized DeltaGenerations generations() {
        return generations;
    }

    @Override
    public synchronized String toString() {
        return "Shard[" + index + ", " + state.self() + ", peers=" + peers.keySet() + "]";
    }

    /** A replica of this shard on another node; guarded by the shard. */
    private static final class Peer {

        private final ReplicaId id;
        private long lastSeen;

        Peer(ReplicaId id, long lastSeen) {
            this.id = id;
            this.lastSeen = lastSeen;
        }
    }
}
