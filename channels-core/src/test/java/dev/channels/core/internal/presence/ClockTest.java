package dev.channels.core.internal.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClockTest {

    private static final ReplicaId A = new ReplicaId("a", 1);
    private static final ReplicaId B = new ReplicaId("b", 1);
    private static final ReplicaId C = new ReplicaId("c", 1);
    private static final ReplicaId D = new ReplicaId("d", 1);

    static TreeMap<ReplicaId, Long> clock(Object... pairs) {
        TreeMap<ReplicaId, Long> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((ReplicaId) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return out;
    }

    @Test
    void aClockDominatesOneItHasSeenAllOfButNotOneWithAnUnseenReplica() {
        Map<ReplicaId, Long> abc = clock(A, 1, B, 2, C, 3);

        assertTrue(Clock.dominates(abc, clock(A, 1, B, 2)));
        assertFalse(Clock.dominates(abc, clock(B, 2, C, 3, D, 1)));
        assertFalse(Clock.dominates(clock(A, 1, B, 2), abc));
        assertTrue(Clock.dominates(abc, abc));
    }

    @Test
    void theClocksetKeepsOnlyClocksNoOtherDominates() {
        Map<ReplicaId, Map<ReplicaId, Long>> set = new HashMap<>();

        Clock.appendClock(set, A, clock(A, 1, B, 2));
        Clock.appendClock(set, B, clock(A, 1, B, 3));
        Clock.appendClock(set, C, clock(A, 1, B, 1));
        Clock.appendClock(set, D, clock(D, 1));

        assertEquals(Set.of(B, D), Clock.replicas(set));
    }

    @Test
    void upperAndLowerBoundsTakeTheMaxAndMinOverTheUnionOfReplicas() {
        Map<ReplicaId, Long> left = clock(A, 1, B, 5);
        Map<ReplicaId, Long> right = clock(B, 3, C, 2);

        assertEquals(clock(A, 1, B, 5, C, 2), Clock.upperbound(left, right));
        assertEquals(clock(A, 1, B, 3, C, 2), Clock.lowerbound(left, right));
    }
}
