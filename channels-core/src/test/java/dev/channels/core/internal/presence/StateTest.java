package dev.channels.core.internal.presence;

import static dev.channels.core.internal.presence.ClockTest.clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTest {

    private static final ReplicaId A = new ReplicaId("a", 1);
    private static final ReplicaId B = new ReplicaId("b", 1);
    private static final ReplicaId C = new ReplicaId("c", 1);

    static ObjectNode meta(String name) {
        return JsonNodeFactory.instance.objectNode().put("name", name);
    }

    private static State state(ReplicaId self, ReplicaId... peers) {
        State state = new State(self);
        for (ReplicaId peer : peers) {
            state.addReplica(peer);
        }
        return state;
    }

    /** What a transfer does: {@code to} merges {@code from}'s extract. */
    private static Changes sync(State from, State to) {
        return to.merge(from.extract(to.self(), to.clocks().keySet()));
    }

    private static List<String> names(State state, String topic) {
        return state.list(topic).values().stream().flatMap(List::stream)
                .map(element -> element.meta().get("name").asText()).toList();
    }

    @Test
    void aLocalAddIsListedAndALeaveRemovesIt() {
        State a = state(A);

        a.join("p1", "lobby", "john", meta("john"));
        assertEquals(List.of("john"), names(a, "lobby"));

        a.leave("p1", "lobby", "john");
        assertEquals(Map.of(), a.list("lobby"));
    }

    @Test
    void theSameOwnerCannotTrackTheSameKeyTwiceOnATopic() {
        State a = state(A);

        a.join("p1", "lobby", "john", meta("john"));

        assertNull(a.join("p1", "lobby", "john", meta("again")));
        assertEquals(List.of("john"), names(a, "lobby"));
    }

    @Test
    void aMergeReportsTheRemoteJoinsAndThenItsLeaves() {
        State a = state(A, B);
        State b = state(B, A);
        a.join("p1", "lobby", "alice", meta("alice"));

        Changes joined = sync(a, b);
        assertEquals(List.of("alice"), names(b, "lobby"));
        assertEquals(1, joined.joins().size());

        a.leave("p1", "lobby", "alice");
        Changes left = sync(a, b);
        assertEquals(List.of(), names(b, "lobby"));
        assertEquals(1, left.leaves().size());
        assertTrue(left.joins().isEmpty());
    }

    @Test
    void aReplicaDownHidesItsElementsAndUpShowsThemAgain() {
        State a = state(A, B);
        State b = state(B, A);
        b.join("p1", "lobby", "bob", meta("bob"));
        sync(b, a);

        Changes down = a.markDown(B);
        assertEquals(1, down.leaves().size());
        assertEquals(List.of(), names(a, "lobby"));

        b.join("p2", "lobby", "bill", meta("bill"));
        assertTrue(sync(b, a).isEmpty());
        assertEquals(List.of(), names(a, "lobby"));

        Changes up = a.markUp(B);
        assertEquals(1, up.joins().size());
        assertEquals(List.of("bob"), names(a, "lobby"));

        assertEquals(1, sync(b, a).joins().size());
        assertEquals(List.of("bill", "bob"), names(a, "lobby"));
    }

    @Test
    void joinsAndLeavesReachAThirdReplicaThroughARelay() {
        State a = state(A, B, C);
        State b = state(B, A, C);
        State c = state(C, A, B);
        a.join("p1", "lobby", "alice", meta("alice"));

        sync(a, b);
        sync(b, c);
        assertEquals(List.of("alice"), names(c, "lobby"));

        a.leave("p1", "lobby", "alice");
        sync(a, b);
        sync(b, c);
        assertEquals(List.of(), names(c, "lobby"));
    }

    @Test
    void aPermdownDeletesTheElementsAndUpDoesNotBringThemBack() {
        State a = state(A, B);
        State b = state(B, A);
        b.join("p1", "lobby", "bob", meta("bob"));
        sync(b, a);

        Changes gone = a.permdown(B);

        assertEquals(1, gone.leaves().size());
        assertTrue(a.rawValues().isEmpty());
        assertFalse(a.replicas().containsKey(B));
        assertTrue(a.markUp(B).isEmpty());
        assertEquals(List.of(), names(a, "lobby"));
    }

    @Test
    void mergingDeltasAdvancesTheClockAndLeavesNoCloud() {
        State a = state(A, B);
        State b = state(B, A);

        a.join("p1", "lobby", "alice", meta("alice"));
        b.merge(a.takeDelta());
        assertEquals(clock(A, 1L, B, 0L), b.context());

        a.leave("p1", "lobby", "alice");
        b.merge(a.takeDelta());
        assertEquals(clock(A, 2L, B, 0L), b.context());

        a.join("p1", "lobby", "alice", meta("alice"));
        b.merge(a.takeDelta());
        assertEquals(clock(A, 3L, B, 0L), b.context());
        assertTrue(b.clouds().isEmpty());
        assertEquals(List.of("alice"), names(b, "lobby"));
    }

    @Test
    void aDeltaAfterAGapWaitsInTheCloudUntilTheGapIsFilled() {
        State a = state(A, B);
        State b = state(B, A);
        a.join("p1", "lobby", "alice", meta("alice"));
        Delta missed = a.takeDelta();
        a.join("p2", "lobby", "amy", meta("amy"));

        b.merge(a.takeDelta());
        assertEquals(clock(A, 0L, B, 0L), b.context());
        assertEquals(1, b.clouds().size());

        b.merge(missed);
        assertEquals(clock(A, 2L, B, 0L), b.context());
        assertTrue(b.clouds().isEmpty());
    }

    @Test
    void aConcurrentAddWinsOverARemoveThatDidNotSeeIt() {
        State a = state(A, B);
        State b = state(B, A);
        a.join("p1", "lobby", "alice", meta("alice"));
        Delta add = a.takeDelta();
        b.merge(add.copy());
        b.join("p2", "lobby", "bob", meta("bob"));
        Delta concurrentAdd = b.takeDelta();
        a.leave("p1", "lobby", "alice");
        Delta remove = a.takeDelta();

        Delta merged = add.copy();
        merged.join(remove);
        merged.join(concurrentAdd);

        assertEquals(1, merged.values().size());
        assertEquals("bob", merged.values().firstEntry().getValue().key());
        assertTrue(merged.cloud().contains(new Dot(A, 1)));
        State c = state(new ReplicaId("c", 1), A, B);
        c.merge(merged);
        assertEquals(List.of("bob"), names(c, "lobby"));
    }

    @Test
    void anUpdateIsOneLeaveAndOneJoinInOneMerge() {
        State a = state(A, B);
        State b = state(B, A);
        a.join("p1", "lobby", "alice", meta("alice"));
        b.merge(a.takeDelta());

        a.update("p1", "lobby", "alice", old -> meta("alice2"));
        Changes changes = b.merge(a.takeDelta());

        assertEquals(1, changes.joins().size());
        assertEquals(1, changes.leaves().size());
        assertEquals(List.of("alice2"), names(b, "lobby"));
    }

    @Test
    void anExtractLeavesOutTheRequestersOwnElementsAndUnknownReplicas() {
        State a = state(A, B, C);
        a.join("p1", "lobby", "alice", meta("alice"));
        State b = state(B, A);
        b.join("p2", "lobby", "bob", meta("bob"));
        sync(b, a);
        State c = state(C, B);
        c.join("p3", "lobby", "carl", meta("carl"));
        sync(c, a);

        Delta extract = a.extract(B, java.util.Set.of(A, B));

        assertEquals(1, extract.values().size());
        assertEquals(A, extract.values().firstKey().replica());
        assertFalse(extract.context().containsKey(C));
    }
}
