package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two endpoints in one JVM on one in-memory bus are two nodes: presence tracked on one is
 * listed on both and its diffs reach the clients of both. Replication runs on the tracker's
 * heartbeat (Phoenix's 1.5 s), so waits are bounded at {@link Frames#PATIENCE}.
 */
class PresenceReplicationTest {

    private static final String TOPIC = "room:lobby";

    private final InMemoryPubSubHub hub = new InMemoryPubSubHub();
    private final PresenceRooms roomsA = new PresenceRooms();
    private final PresenceRooms roomsB = new PresenceRooms();
    private final Endpoint nodeA = node("a", roomsA);
    private final Endpoint nodeB = node("b", roomsB);

    private Endpoint node(String name, PresenceRooms rooms) {
        Endpoint endpoint = Endpoint.builder().socket("/socket", rooms).nodeName(name)
                .pubSub(hub.adapter()).presenceDiffWindow(Duration.ZERO).build();
        rooms.presence = endpoint.presence();
        return endpoint;
    }

    @AfterEach
    void shutDown() {
        nodeA.shutdown(Duration.ofSeconds(1));
        nodeB.shutdown(Duration.ofSeconds(1));
        hub.close();
    }

    private static Wire joinAs(Endpoint endpoint, String user) {
        Wire wire = Wire.v2(endpoint);
        wire.send("['1','1','" + TOPIC + "','phx_join',{'user':'" + user + "'}]")
                .expect("['1','1','" + TOPIC + "','phx_reply',{'response':{},'status':'ok'}]");
        return wire;
    }

    private static Predicate<JsonNode> diffWith(String side, String key) {
        return frame -> frame.get(3).asText().equals("presence_diff")
                && frame.get(4).get(side).has(key);
    }

    @Test
    void presenceTrackedOnEitherNodeIsListedAndDiffedOnBoth() {
        try (Wire alice = joinAs(nodeA, "alice"); Wire bob = joinAs(nodeB, "bob")) {
            JsonNode bobOnA = last(Frames.until(alice.client, diffWith("joins", "bob"),
                    "diff with bob's join on node a"));
            JsonNode aliceOnB = last(Frames.until(bob.client, diffWith("joins", "alice"),
                    "diff with alice's join on node b"));

            assertEquals(Set.of("alice", "bob"), nodeA.presence().list(TOPIC).keySet());
            JsonNode listedA = Frames.JSON.valueToTree(nodeA.presence().list(TOPIC));
            JsonNode listedB = Frames.JSON.valueToTree(nodeB.presence().list(TOPIC));
            assertEquals(listedA, listedB);
            assertEquals(listedA.get("bob"), bobOnA.get(4).get("joins").get("bob"));
            assertEquals(listedB.get("alice"), aliceOnB.get(4).get("joins").get("alice"));
        }
    }

    @Test
    void aChannelEndingOnOneNodeLeavesOnTheOther() {
        try (Wire alice = joinAs(nodeA, "alice")) {
            try (Wire bob = joinAs(nodeB, "bob")) {
                Frames.until(alice.client, diffWith("joins", "bob"), "bob's join on node a");
                bob.send("['1','2','" + TOPIC + "','crash',{}]");
            }

            Frames.until(alice.client, diffWith("leaves", "bob"), "bob's leave on node a");
            assertEquals(Set.of("alice"), nodeA.presence().list(TOPIC).keySet());
            assertEquals(Set.of("alice"), nodeB.presence().list(TOPIC).keySet());
        }
    }

    /**
     * Node loss with a graceful shutdown: the shut-down node tells its peers to forget it, so
     * its presences leave there at once. A node lost without that goodbye leaves after the
     * down period (30 s, not configurable on the endpoint); TrackerTest covers that in fake
     * time ({@code aSilentNodeGoesDownComesBackUpAndIsForgottenAfterThePermdownPeriod}).
     */
    @Test
    void aShutDownNodesPresencesLeaveOnTheOthers() {
        try (Wire alice = joinAs(nodeA, "alice"); Wire bob = joinAs(nodeB, "bob")) {
            Frames.until(alice.client, diffWith("joins", "bob"), "bob's join on node a");

            nodeB.shutdown(Duration.ofSeconds(1));

            Frames.until(alice.client, diffWith("leaves", "bob"), "bob's leave on node a");
            assertEquals(Map.of("alice", 1), counts(nodeA.presence().list(TOPIC)));
        }
    }

    private static JsonNode last(List<JsonNode> frames) {
        return frames.get(frames.size() - 1);
    }

    static Map<String, Integer> counts(Map<String, Map<String, Object>> listed) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        listed.forEach((key, entry) -> out.put(key, ((List<?>) entry.get("metas")).size()));
        return out;
    }
}
