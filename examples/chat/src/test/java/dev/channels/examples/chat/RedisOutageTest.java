package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis is killed and started again under three chat nodes in steady traffic: each node goes
 * on delivering to its own clients, delivery between nodes resumes within 5 s of the
 * restart, and presence reconverges, including a user who joined during the outage. The
 * outage outlasts the shortened down period, so presence also goes through peers marking
 * each other down and up again.
 */
class RedisOutageTest {

    private static final Logger LOG = LoggerFactory.getLogger(RedisOutageTest.class);
    private static final Duration LOCAL = Duration.ofSeconds(5);
    /** Longer than the down period: the nodes take each other down, then up again. */
    private static final Duration OUTAGE = Duration.ofMillis(3_000);
    private static Cluster cluster;

    @BeforeAll
    static void startThreeNodes() {
        cluster = Cluster.start(3, Map.of("PRESENCE_BROADCAST_PERIOD_MS", "200",
                "PRESENCE_DOWN_PERIOD_MS", "2000", "PRESENCE_PERMDOWN_PERIOD_MS", "60000"));
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void localDeliveryNeverStopsCrossNodeDeliveryResumesAndPresenceReconverges() {
        String room = "room:outage";
        PhxClient memberA = cluster.join("a", "r-a", room);
        PhxClient memberB = cluster.join("b", "r-b", room);
        ThreeNodeProcessesTest.awaitUsers(memberA, room, Set.of("r-a", "r-b"));
        ThreeNodeProcessesTest.awaitUsers(memberB, room, Set.of("r-a", "r-b"));
        String bench = "bench:outage";
        Traffic traffic = new Traffic(bench, cluster.join("a", "sender", bench),
                cluster.join("a", "local", bench));
        List<PhxClient> remotes = List.of(cluster.join("b", "remote-b", bench),
                cluster.join("c", "remote-c", bench));
        cluster.awaitSubscribers(bench, 3);
        int warm = 0;
        while (warm < 10) {
            warm = traffic.step() + 1;
        }
        for (PhxClient remote : remotes) {
            remote.awaitCount(traffic.atLeast(warm - 1), 1, "message " + (warm - 1));
        }

        cluster.redis.kill();
        long outage = System.nanoTime();
        PhxClient memberC = cluster.join("c", "r-c", room);
        while (System.nanoTime() - outage < OUTAGE.toNanos()) {
            traffic.step();
        }
        cluster.redis.startAgain();
        long restarted = System.nanoTime();
        int firstAfter = traffic.step();
        for (PhxClient remote : remotes) {
            while (remote.matching(traffic.atLeast(firstAfter)).isEmpty()) {
                assertTrue(System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(5),
                        remote.userId + " heard nothing from node a within 5 s of the restart");
                traffic.step();
            }
        }
        LOG.info("cross-node delivery resumed {} ms after the restart; {} local steps",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted), traffic.sent);

        for (PhxClient member : List.of(memberA, memberB, memberC)) {
            ThreeNodeProcessesTest.awaitUsers(member, room, Set.of("r-a", "r-b", "r-c"));
        }
    }

    /**
     * Steady traffic on node a: each step pushes the next number from the sender and checks
     * that the other client on node a receives it, Redis or no Redis.
     */
    private static final class Traffic {

        private final String topic;
        private final PhxClient sender;
        private final PhxClient local;
        private int sent;

        Traffic(String topic, PhxClient sender, PhxClient local) {
            this.topic = topic;
            this.sender = sender;
            this.local = local;
        }

        int step() {
            int n = sent++;
            sender.push(topic, "new_msg", Map.of("body", String.valueOf(n)));
            local.awaitFrames(frames -> frames.stream().anyMatch(number(n)), LOCAL,
                    () -> "local delivery of message " + n);
            return n;
        }

        Predicate<PhxClient.Frame> number(int n) {
            return frame -> frame.is(topic, "new_msg")
                    && frame.payload().path("body").asText().equals(String.valueOf(n));
        }

        Predicate<PhxClient.Frame> atLeast(int n) {
            return frame -> frame.is(topic, "new_msg")
                    && Integer.parseInt(frame.payload().path("body").asText()) >= n;
        }
    }
}
