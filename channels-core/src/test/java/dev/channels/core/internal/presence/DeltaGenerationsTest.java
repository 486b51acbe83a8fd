package dev.channels.core.internal.presence;

import static dev.channels.core.internal.presence.ClockTest.clock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaGenerationsTest {

    private static final ReplicaId A = new ReplicaId("a", 1);

    /** A delta of one add by a, at clock {@code at}, spanning a's clock at-1 to at. */
    private static Delta addAt(long at) {
        Delta delta = new Delta();
        delta.add(new Element("lobby", "p" + at, "k" + at, StateTest.meta("m"), new Dot(A, at)));
        return delta.range(clock(A, at - 1), clock(A, at));
    }

    private static List<Integer> sizes(DeltaGenerations generations) {
        return generations.generations().stream().map(d -> d == null ? 0 : d.size()).toList();
    }

    @Test
    void generationsAccumulateUpToTheirBoundAndThenStartOver() {
        DeltaGenerations generations = new DeltaGenerations(new int[] {2, 5, 6});

        generations.push(addAt(1));
        assertEquals(List.of(2, 2, 2), sizes(generations));

        generations.push(addAt(2));
        assertEquals(List.of(2, 4, 4), sizes(generations));

        generations.push(addAt(3));
        assertEquals(List.of(2, 2, 6), sizes(generations));
    }

    @Test
    void pushingTheSameDeltaAgainChangesNothing() {
        DeltaGenerations generations = new DeltaGenerations(new int[] {2, 5, 6});
        Delta delta = addAt(1);

        generations.push(delta);
        generations.push(delta);

        assertEquals(List.of(2, 2, 2), sizes(generations));
    }

    @Test
    void aNonContiguousDeltaIsNotJoined() {
        Delta first = addAt(1);

        assertFalse(first.contiguousWith(addAt(5)));

        DeltaGenerations generations = new DeltaGenerations(new int[] {10});
        generations.push(first);
        generations.push(addAt(5));
        assertEquals(List.of(2), sizes(generations));
        assertEquals(clock(A, 4L), generations.generations().get(0).start());
    }

    @Test
    void aTransferIsAnsweredFromTheSmallestGenerationThatCoversTheRequester() {
        DeltaGenerations generations = new DeltaGenerations(new int[] {2, 10});
        generations.push(addAt(1));
        generations.push(addAt(2));

        assertSame(generations.generations().get(0), generations.covering(clock(A, 1L)));
        assertSame(generations.generations().get(1), generations.covering(clock(A, 0L)));
        assertNull(generations.covering(clock(A, 2L)));
        assertNull(new DeltaGenerations(new int[] {2}).covering(clock(A, 0L)));
    }
}
