package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three chat nodes, each in a JVM of its own serving WebSockets on its own port, sharing a
 * private redis-server, with real WebSocket clients on each: a client cannot tell which node
 * the others are on. (That {@code broadcastFrom} skips only the sender across three nodes is
 * shown in-JVM by {@code MultiNodeTest} in channels-redis: the chat has no event that uses it.)
 */
class ThreeNodeProcessesTest {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static Cluster cluster;

    @BeforeAll
    static void startThreeNodes() {
        cluster = Cluster.start(3, Map.of());
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeClients() {
        cluster.closeClients();
    }

    @Test
    void aBroadcastFromAnyNodeReachesEverySubscriberOfEveryNodeExactlyOnce() {
        String topic = "bench:once";
        List<PhxClient> room = new ArrayList<>();
        for (String node : List.of("a", "b", "c")) {
            room.add(cluster.join(node, "u-" + node + "1", topic));
            room.add(cluster.join(node, "u-" + node + "2", topic));
        }
        cluster.awaitSubscribers(topic, 3);

        for (String node : List.of("a", "b", "c")) {
            PhxClient.get(cluster.node(node), "/broadcast?topic=" + topic
                    + "&event=shout&body=http-" + node);
            room.get(2 * (node.charAt(0) - 'a')).pushAndAwaitOk(topic, "new_msg",
                    Map.of("body", "ws-" + node));
        }

        Predicate<PhxClient.Frame> broadcasts = frame -> frame.topic().equals(topic)
                && frame.ref() == null;
        for (PhxClient client : room) {
            client.awaitCount(broadcasts, 6, "six broadcasts");
        }
        for (PhxClient client : room) {
            client.assertNoMoreThan(broadcasts, 6, QUIET);
            assertEquals(List.of("new_msg ws-a", "new_msg ws-b", "new_msg ws-c",
                    "shout http-a", "shout http-b", "shout http-c"),
                    client.matching(broadcasts).stream().map(frame -> frame.event() + " "
                            + frame.payload().path("body").asText()).sorted().toList(),
                    client.userId + " on " + client.node);
        }
    }

    @Test
    void disconnectClosesThatUsersSocketsOnEveryNodeAndNoOtherSocket() {
        PhxClient onA = cluster.connect("a", "dis-7");
        PhxClient onC = cluster.connect("c", "dis-7");
        PhxClient otherOnA = cluster.connect("a", "dis-8");
        PhxClient otherOnB = cluster.connect("b", "dis-8");
        cluster.awaitSubscribers("users_socket:dis-7", 2);

        PhxClient.get(cluster.node("b"), "/disconnect?user_id=dis-7");

        assertEquals(1001, onA.awaitClose(), "dis-7 on node a");
        assertEquals(1001, onC.awaitClose(), "dis-7 on node c");
        otherOnA.heartbeat();
        otherOnB.heartbeat();
        assertFalse(otherOnA.isClosed() || otherOnB.isClosed(), "dis-8 was disconnected too");
    }

    @Test
    void presenceListsTheUsersOfAllNodesOnEveryNode() {
        String topic = "room:presence";
        List<PhxClient> members = List.of(cluster.join("a", "p-a", topic),
                cluster.join("b", "p-b", topic), cluster.join("c", "p-c", topic));

        for (PhxClient member : members) {
            awaitUsers(member, topic, Set.of("p-a", "p-b", "p-c"));
        }
        PhxClient late = cluster.join("b", "p-late", topic);
        awaitUsers(late, topic, Set.of("p-a", "p-b", "p-c", "p-late"));
        members.get(2).close();

        for (PhxClient remaining : List.of(members.get(0), members.get(1), late)) {
            awaitUsers(remaining, topic, Set.of("p-a", "p-b", "p-late"));
        }
    }

    static void awaitUsers(PhxClient client, String topic, Set<String> users) {
        client.awaitFrames(frames -> PresenceView.users(frames, topic).equals(users),
                PhxClient.WAIT, () -> "presence on " + topic + " is "
                        + PresenceView.users(client.frames(), topic) + ", expected " + users);
    }
}
