package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node dies without a goodbye (SIGKILL): its peers stop hearing its presence heartbeats,
 * mark it down after the down period (shortened to 2 s here, Phoenix's default is 30 s) and
 * send their clients a {@code presence_diff} with its users leaving; broadcasts among the
 * survivors go on and lose nothing.
 */
class NodeDeathTest {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDeathTest.class);
    private static final long DOWN_MILLIS = 2_000;
    private static Cluster cluster;

    @BeforeAll
    static void startThreeNodes() {
        cluster = Cluster.start(3, Map.of("PRESENCE_BROADCAST_PERIOD_MS", "200",
                "PRESENCE_DOWN_PERIOD_MS", String.valueOf(DOWN_MILLIS),
                "PRESENCE_PERMDOWN_PERIOD_MS", "60000"));
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledNodesUsersLeaveEverywhereAfterTheDownPeriodAndSurvivorsLoseNoBroadcast() {
        String room = "room:death";
        List<PhxClient> survivors = List.of(cluster.join("a", "d-a", room),
                cluster.join("b", "d-b", room));
        PhxClient doomed = cluster.join("c", "d-c", room);
        cluster.join("c", "d-c2", room);
        for (PhxClient member : List.of(survivors.get(0), survivors.get(1), doomed)) {
            ThreeNodeProcessesTest.awaitUsers(member, room, Set.of("d-a", "d-b", "d-c", "d-c2"));
        }
        String bench = "bench:death";
        List<PhxClient> talkers = List.of(cluster.join("a", "t-a", bench),
                cluster.join("b", "t-b", bench));
        cluster.join("c", "t-c", bench);
        cluster.awaitSubscribers(bench, 3);

        cluster.node("c").kill();
        long killed = System.nanoTime();
        int sent = 0;
        while (!survivors.stream().allMatch(member -> PresenceView.users(member.frames(), room)
                .equals(Set.of("d-a", "d-b")))) {
            assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(20),
                    "node c's users did not leave within 20 s of SIGKILL");
            talkers.get(sent % 2).pushAndAwaitOk(bench, "new_msg", Map.of("body", "" + sent));
            sent++;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        LOG.info("node c's users left on a and b {} ms after SIGKILL (down period {} ms),"
                + " {} broadcasts meanwhile", millis, DOWN_MILLIS, sent);
        for (int i = 0; i < 20; i++) {
            talkers.get(sent % 2).pushAndAwaitOk(bench, "new_msg", Map.of("body", "" + sent));
            sent++;
        }

        for (PhxClient member : survivors) {
            assertTrue(PresenceView.sawLeave(member.frames(), room, "d-c")
                    && PresenceView.sawLeave(member.frames(), room, "d-c2"),
                    member.userId + " saw no presence_diff with node c's users leaving");
        }
        List<String> all = IntStream.range(0, sent).mapToObj(String::valueOf).sorted().toList();
        Predicate<PhxClient.Frame> messages = frame -> frame.is(bench, "new_msg")
                && frame.ref() == null;
        for (PhxClient talker : talkers) {
            talker.awaitCount(messages, sent, sent + " messages");
            List<String> bodies = new ArrayList<>(talker.matching(messages).stream()
                    .map(frame -> frame.payload().path("body").asText()).sorted().toList());
            assertEquals(all, bodies, talker.userId + " lost or repeated a broadcast");
        }
        assertTrue(millis < 15_000, "leaves took " + millis + " ms");
    }
}
