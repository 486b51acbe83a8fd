package dev.channels.core.internal.presence;

import static dev.channels.core.internal.presence.ClockTest.clock;
import static dev.channels.core.internal.presence.StateTest.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackerTest {

    private static final long TICK = 1500;
    private static final long DOWN = 30_000;
    private static final long PERMDOWN = 20 * 60_000;

    private final TestNet net = new TestNet(42, TrackerConfig.defaults());

    private static List<String> names(Tracker tracker, String topic) {
        List<String> out = new ArrayList<>();
        tracker.list(topic).values().forEach(metas -> metas.forEach(
                meta -> out.add(meta.get("name").asText())));
        return out;
    }

    /** Runs fake time in ticks until every node lists {@code expected}, or fails. */
    private void awaitEverywhere(String topic, List<String> expected) {
        for (int i = 0; i < 100; i++) {
            boolean all = true;
            for (Tracker tracker : net.nodes.values()) {
                all &= names(tracker, topic).equals(expected);
            }
            if (all) {
                return;
            }
            net.advance(TICK);
        }
        for (Tracker tracker : net.nodes.values()) {
            assertEquals(expected, names(tracker, topic), tracker.node());
        }
    }

    private static Set<String> keysOf(List<Element> elements) {
        Set<String> out = new TreeSet<>();
        elements.forEach(element -> out.add(element.key()));
        return out;
    }

    @Test
    void aTrackedPresenceIsListedWithAPhoenixShapedRef() {
        Tracker a = net.add("a");

        String ref = a.track(new PresenceOwner("p1"), "lobby", "alice", meta("alice"));

        assertEquals(16, ref.length());
        assertTrue(ref.matches("[A-Za-z0-9_-]{16}"), ref);
        long nanos = ByteBuffer.wrap(Base64.getUrlDecoder().decode(ref)).getLong();
        assertEquals(net.time.millis() * 1_000_000L, nanos);
        ObjectNode listed = a.get("lobby", "alice").get(0);
        assertEquals(ref, listed.get("phx_ref").asText());
        assertEquals("alice", listed.get("name").asText());
        assertEquals(List.of(), a.get("lobby", "nobody"));
        assertEquals(List.of(), a.get("elsewhere", "alice"));
    }

    @Test
    void trackingTheSameOwnerTopicAndKeyTwiceIsRefused() {
        Tracker a = net.add("a");
        PresenceOwner owner = new PresenceOwner("p1");

        assertNotNull(a.track(owner, "lobby", "alice", meta("alice")));
        assertNull(a.track(owner, "lobby", "alice", meta("again")));
        assertNotNull(a.track(new PresenceOwner("p2"), "lobby", "alice", meta("tab2")));

        assertEquals(List.of("alice", "tab2"), names(a, "lobby"));
    }

    @Test
    void anEmptyHeartbeatGoesOutAfterTheSilentPeriods() {
        net.add("a");

        net.advance(TICK * 12);

        List<TestNet.Sent> heartbeats = net.sentOf(TrackerMessage.Heartbeat.class);
        assertEquals(1, heartbeats.size());
        assertNull(((TrackerMessage.Heartbeat) heartbeats.get(0).message()).delta());
    }

    @Test
    void aNodeHeardForTheFirstTimeIsAskedForATransfer() {
        Tracker a = net.add("a");
        a.track(new PresenceOwner("p1"), "lobby", "alice", meta("alice"));
        net.advance(TICK * 3);
        Tracker b = net.add("b");

        awaitEverywhere("lobby", List.of("alice"));

        assertTrue(net.sentOf(TrackerMessage.TransferReq.class).stream()
                .anyMatch(sent -> sent.from().equals("b") && sent.to().equals("a")));
        assertTrue(net.sentOf(TrackerMessage.TransferAck.class).stream()
                .anyMatch(sent -> sent.from().equals("a") && sent.to().equals("b")));
        assertEquals(Set.of("alice"), keysOf(net.diffs.get("b").last("lobby").joins()));
        assertNotNull(b);
    }

    @Test
    void transferRequestsGoOnlyToTheReplicaWhoseClockDominates() {
        List<TestNet.Sent> sent = new ArrayList<>();
        TrackerBus recording = new TrackerBus() {
            @Override
            public void broadcast(int shard, byte[] message) {
                sent.add(new TestNet.Sent("c", null, shard, TrackerCodec.decode(message)));
            }

            @Override
            public void send(String node, int shard, byte[] message) {
                sent.add(new TestNet.Sent("c", node, shard, TrackerCodec.decode(message)));
            }
        };
        Tracker c = new Tracker("c", TrackerConfig.defaults(), net.time, net.time, recording,
                new java.util.Random(1), byTopic -> { });
        ReplicaId a = new ReplicaId("a", 1);
        ReplicaId b = new ReplicaId("b", 1);

        c.receive(0, TrackerCodec.encode(new TrackerMessage.Heartbeat(a, null,
                clock(a, 1L, b, 0L))));
        c.receive(0, TrackerCodec.encode(new TrackerMessage.Heartbeat(b, null,
                clock(a, 1L, b, 1L))));
        c.tickNow();
        c.tickNow();

        List<String> asked = sent.stream()
                .filter(s -> s.message() instanceof TrackerMessage.TransferReq)
                .map(TestNet.Sent::to).toList();
        assertEquals(List.of("b"), asked);
    }

    @Test
    void localAndRemoteTracksAndOwnerEndsAreReportedOnEveryNode() {
        Tracker a = net.add("a");
        Tracker b = net.add("b");
        net.advance(TICK * 12);
        PresenceOwner alice = new PresenceOwner("p1");
        PresenceOwner bob = new PresenceOwner("p2");

        a.track(alice, "lobby", "alice", meta("alice"));
        b.track(bob, "lobby", "bob", meta("bob"));
        assertEquals(Set.of("alice"), keysOf(net.diffs.get("a").last("lobby").joins()));
        awaitEverywhere("lobby", List.of("alice", "bob"));

        alice.end();
        assertEquals(Set.of("alice"), keysOf(net.diffs.get("a").last("lobby").leaves()));
        bob.end();
        awaitEverywhere("lobby", List.of());
        assertEquals(Set.of("bob"), keysOf(net.diffs.get("a").last("lobby").leaves()));
        assertTrue(net.diffs.get("b").forTopic("lobby").stream()
                .anyMatch(changes -> keysOf(changes.leaves()).equals(Set.of("alice"))));
    }

    @Test
    void aSilentNodeGoesDownComesBackUpAndIsForgottenAfterThePermdownPeriod() {
        Tracker a = net.add("a");
        Tracker b = net.add("b");
        b.track(new PresenceOwner("p1"), "lobby", "bob", meta("bob"));
        awaitEverywhere("lobby", List.of("bob"));
        ReplicaId bReplica = b.shardAt(0).self();

        net.partition("a", "b");
        net.advance(DOWN + 2 * TICK);
        assertEquals(List.of(), names(a, "lobby"));
        assertEquals(Set.of("bob"), keysOf(net.diffs.get("a").last("lobby").leaves()));
        assertFalse(a.shardAt(0).state().rawValues().isEmpty());

        net.heal();
        net.advance(DOWN);
        assertEquals(List.of("bob"), names(a, "lobby"));
        assertEquals(Set.of("bob"), keysOf(net.diffs.get("a").last("lobby").joins()));

        net.kill("b");
        net.advance(DOWN + 2 * TICK);
        assertEquals(List.of(), names(a, "lobby"));
        assertEquals(State.Status.DOWN, a.shardAt(0).state().status(bReplica));

        net.advance(PERMDOWN);
        assertNull(a.shardAt(0).state().status(bReplica));
        assertTrue(a.shardAt(0).state().rawValues().isEmpty());
    }

    @Test
    void aRestartedNodeIsANewReplicaAndItsOldPresencesLeave() {
        Tracker a = net.add("a");
        Tracker b = net.add("b");
        b.track(new PresenceOwner("p1"), "lobby", "bob", meta("bob"));
        awaitEverywhere("lobby", List.of("bob"));
        ReplicaId old = b.shardAt(0).self();

        Tracker restarted = net.restart("b");
        restarted.track(new PresenceOwner("p1"), "lobby", "bob", meta("bob again"));
        awaitEverywhere("lobby", List.of("bob again"));

        assertNull(a.shardAt(0).state().status(old));
        assertTrue(restarted.shardAt(0).self().vsn() > old.vsn());
    }

    @Test
    void untrackByKeyAndByOwnerBothLeave() {
        Tracker a = net.add("a");
        net.add("b");
        PresenceOwner owner = new PresenceOwner("p1");
        a.track(owner, "lobby", "alice", meta("alice"));
        a.track(owner, "lobby", "amy", meta("amy"));
        a.track(owner, "other", "alice", meta("alice"));
        awaitEverywhere("lobby", List.of("alice", "amy"));

        a.untrack(owner, "lobby", "alice");
        awaitEverywhere("lobby", List.of("amy"));
        a.untrack(owner, "lobby", "nobody");

        a.untrack(owner);
        awaitEverywhere("lobby", List.of());
        awaitEverywhere("other", List.of());
    }

    @Test
    void anUpdateCarriesThePreviousRefAndIsOneLeaveAndOneJoinEverywhere() {
        Tracker a = net.add("a");
        net.add("b");
        PresenceOwner owner = new PresenceOwner("p1");
        String first = a.track(owner, "lobby", "alice", meta("alice"));
        awaitEverywhere("lobby", List.of("alice"));

        String second = a.update(owner, "lobby", "alice", old -> meta("alice2"));
        String third = a.update(owner, "lobby", "alice",
                old -> old.put("name", old.get("name").asText() + "!"));
        awaitEverywhere("lobby", List.of("alice2!"));

        Changes local = net.diffs.get("a").forTopic("lobby").get(1);
        assertEquals(first, local.leaves().get(0).phxRef());
        assertEquals(second, local.joins().get(0).phxRef());
        assertEquals(first, local.joins().get(0).meta().get("phx_ref_prev").asText());
        ObjectNode now = a.get("lobby", "alice").get(0);
        assertEquals(third, now.get("phx_ref").asText());
        assertEquals(second, now.get("phx_ref_prev").asText());
        Changes remote = net.diffs.get("b").last("lobby");
        assertEquals(1, remote.leaves().size());
        assertEquals(1, remote.joins().size());
    }

    @Test
    void updatingWhatIsNotTrackedGivesNoRef() {
        Tracker a = net.add("a");

        assertNull(a.update(new PresenceOwner("p1"), "lobby", "alice", old -> old));
    }

    @Test
    void aGracefulPermdownMakesPeersDropTheNodeAtOnce() {
        Tracker a = net.add("a");
        Tracker b = net.add("b");
        b.track(new PresenceOwner("p1"), "lobby", "bob", meta("bob"));
        awaitEverywhere("lobby", List.of("bob"));
        ReplicaId bReplica = b.shardAt(0).self();

        b.gracefulPermdown();
        net.advance(10);

        assertEquals(List.of(), names(a, "lobby"));
        assertNull(a.shardAt(0).state().status(bReplica));
        assertEquals(Set.of("bob"), keysOf(net.diffs.get("a").last("lobby").leaves()));
    }

    @Test
    void aNodeJoiningWhileAnotherIsDownAsksForATransferOnlyOnce() {
        Tracker a = net.add("a");
        Tracker b = net.add("b");
        a.track(new PresenceOwner("p1"), "lobby", "alice", meta("alice"));
        b.track(new PresenceOwner("p2"), "lobby", "bob", meta("bob"));
        awaitEverywhere("lobby", List.of("alice", "bob"));
        net.kill("b");
        net.advance(DOWN + 2 * TICK);

        net.add("c");
        net.advance(5 * 60_000);

        assertEquals(List.of("alice"), names(net.nodes.get("c"), "lobby"));
        long requests = net.sentOf(TrackerMessage.TransferReq.class).stream()
                .filter(sent -> sent.from().equals("c")).count();
        assertEquals(1, requests);
        assertNotNull(a);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 512})
    void everyOperationWorksAcrossShards(int poolSize) {
        TestNet pool = new TestNet(7, TrackerConfig.defaults().withPoolSize(poolSize));
        Tracker a = pool.add("a");
        Tracker b = pool.add("b");
        PresenceOwner owner = new PresenceOwner("p1");
        List<String> topics = List.of("room:1", "room:2", "room:3", "room:4", "room:5");
        for (String topic : topics) {
            a.track(owner, topic, "alice", meta("alice"));
            a.track(owner, topic, "amy", meta("amy"));
        }
        pool.advance(3 * TICK);
        a.untrack(owner, "room:1", "amy");
        a.update(owner, "room:2", "amy", old -> meta("amy2"));
        pool.advance(3 * TICK);

        assertEquals(List.of("alice"), names(b, "room:1"));
        assertEquals(List.of("alice", "amy2"), names(b, "room:2"));
        assertEquals(List.of("alice", "amy"), names(b, "room:5"));

        a.untrack(owner);
        pool.advance(3 * TICK);
        for (String topic : topics) {
            assertEquals(List.of(), names(b, topic));
        }

        b.track(new PresenceOwner("p2"), "room:3", "bob", meta("bob"));
        pool.advance(3 * TICK);
        assertEquals(List.of("bob"), names(a, "room:3"));
        b.gracefulPermdown();
        pool.advance(10);
        assertEquals(List.of(), names(a, "room:3"));
    }
}
