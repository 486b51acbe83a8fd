package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.channels.Presence;
import dev.channels.PresenceFetcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Presence API beyond the §5.3 frames (PresenceChannelTest): counts-only topics, the
 * fetch hook, and the cases of PROTOCOL.md §12.8 that apply to a typed Java API.
 */
class PresenceApiTest {

    private static final String TOPIC = "room:api";

    /** Every batch the fetcher saw, as "topic keys". */
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final PresenceRooms rooms = new PresenceRooms();
    private final Endpoint endpoint = Endpoint.builder().socket("/socket", rooms)
            .presenceDiffWindow(Duration.ZERO).presenceFetcher(this::addUsers).build();
    private final Presence presence = endpoint.presence();

    {
        rooms.presence = presence;
    }

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    /** Adds {@code "user": {"name": KEY}} next to the metas, as a fetch/2 loading users. */
    private Map<String, Map<String, Object>> addUsers(String topic,
            Map<String, Map<String, Object>> presences) {
        fetched.add(topic + " " + presences.keySet());
        presences.forEach((key, entry) -> entry.put("user", Map.of("name", key.toUpperCase())));
        return presences;
    }

    private static Wire watcher(Endpoint endpoint) {
        Wire wire = Wire.v2(endpoint);
        wire.send("['1','1','" + TOPIC + "','phx_join',{}]");
        Frames.until(wire.client, Frames.event("presence_state"), "presence_state");
        return wire;
    }

    private static JsonNode nextPayload(Wire wire, String event) {
        List<JsonNode> frames = Frames.until(wire.client, Frames.event(event), event);
        assertEquals(1, frames.size(), () -> "expected only " + event + ", got " + frames);
        return frames.get(0).get(4);
    }

    // ---- counts-only ---------------------------------------------------------------------

    @Test
    void aCountsOnlyTopicSendsDistinctKeysAndEntriesInsteadOfDiffs() {
        presence.countsOnly(TOPIC);
        try (Wire wire = watcher(endpoint)) {
            presence.track("tab1", TOPIC, "alice", Map.of());
            assertEquals(Wire.frame("[null,null,'" + TOPIC + "','presence_count',"
                    + "{'keys':1,'metas':1}]"), wire.client.poll(Frames.PATIENCE).text());

            presence.track("tab2", TOPIC, "alice", Map.of());
            assertEquals(Frames.parse("{\"keys\":1,\"metas\":2}"),
                    nextPayload(wire, "presence_count"));
            presence.track("tab3", TOPIC, "bob", Map.of());
            assertEquals(Frames.parse("{\"keys\":2,\"metas\":3}"),
                    nextPayload(wire, "presence_count"));
            presence.untrack("tab1");
            assertEquals(Frames.parse("{\"keys\":2,\"metas\":2}"),
                    nextPayload(wire, "presence_count"));

            assertEquals(Map.of("alice", 1, "bob", 1),
                    PresenceReplicationTest.counts(presence.list(TOPIC)));
            assertEquals(List.of(), Frames.during(wire.client, Duration.ofMillis(100)));
        }
    }

    @Test
    void countsOnlyAppliesToItsTopicAlone() {
        presence.countsOnly("room:elsewhere");
        try (Wire wire = watcher(endpoint)) {
            presence.track("tab1", TOPIC, "alice", Map.of());

            assertTrue(nextPayload(wire, "presence_diff").get("joins").has("alice"));
        }
    }

    // ---- fetch hook ----------------------------------------------------------------------

    @Test
    void theFetcherEnrichesTheStateTheListAndBothSidesOfADiffOncePerDiff() {
        try (Wire first = watcher(endpoint); Wire second = watcher(endpoint);
                Wire third = watcher(endpoint)) {
            fetched.clear();
            presence.track("tab", TOPIC, "alice", Map.of("online_at", "t0"));
            List<JsonNode> joins = new ArrayList<>();
            for (Wire wire : List.of(first, second, third)) {
                joins.add(nextPayload(wire, "presence_diff").get("joins").get("alice"));
            }
            presence.untrack("tab");
            List<JsonNode> leaves = new ArrayList<>();
            for (Wire wire : List.of(first, second, third)) {
                leaves.add(nextPayload(wire, "presence_diff").get("leaves").get("alice"));
            }

            JsonNode alice = Frames.parse("{\"name\":\"ALICE\"}");
            for (int i = 0; i < 3; i++) {
                assertEquals(alice, joins.get(i).get("user"));
                assertEquals(alice, leaves.get(i).get("user"));
            }
            assertEquals(List.of(TOPIC + " [alice]", TOPIC + " []", TOPIC + " []",
                    TOPIC + " [alice]"), fetched, "joins and leaves of each diff, once each");
        }
    }

    @Test
    void theFetcherEnrichesListGetAndThePresenceStatePush() {
        presence.track("tab", TOPIC, "alice", Map.of("online_at", "t0"));
        Map<String, Object> user = Map.of("name", "ALICE");

        assertEquals(user, presence.list(TOPIC).get("alice").get("user"));
        assertEquals(user, presence.get(TOPIC, "alice").orElseThrow().get("user"));
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['1','1','" + TOPIC + "','phx_join',{}]");
            // The track's own presence_diff may reach the new subscriber before the state.
            List<JsonNode> frames = Frames.until(wire.client, Frames.event("presence_state"),
                    "presence_state");
            JsonNode state = frames.get(frames.size() - 1).get(4);
            assertEquals(Frames.parse("{\"name\":\"ALICE\"}"), state.get("alice").get("user"));
        }
    }

    // ---- PROTOCOL.md §12.8 ---------------------------------------------------------------

    @Test
    void theDefaultFetcherPassesPresencesThroughUnchanged() {
        Map<String, Map<String, Object>> presences = new TreeMap<>();
        presences.put("u1", Map.of("metas", List.of(Map.of("phx_ref", "r"))));

        assertEquals(Map.of("u1", Map.of("metas", List.of(Map.of("phx_ref", "r")))),
                PresenceFetcher.IDENTITY.fetch(TOPIC, presences));
    }

    @Test
    void getByKeyGivesEveryMetaOfTheKeyWithTheFetchedExtrasAndEmptyWhenAbsent() {
        String ref1 = presence.track("pid1", TOPIC, "1", Map.of("name", "u1"));
        String ref2 = presence.track("pid2", TOPIC, "1", Map.of("name", "u1.2"));
        presence.track("pid3", TOPIC, "2", Map.of("name", "u2"));

        Map<String, Object> one = presence.get(TOPIC, "1").orElseThrow();
        assertEquals(Map.of("name", "1"), one.get("user"));
        List<JsonNode> metas = new ArrayList<>();
        Frames.JSON.valueToTree(one.get("metas")).forEach(metas::add);
        metas.sort((a, b) -> a.get("name").asText().compareTo(b.get("name").asText()));
        assertEquals(List.of(
                Frames.JSON.valueToTree(Map.of("name", "u1", "phx_ref", ref1)),
                Frames.JSON.valueToTree(Map.of("name", "u1.2", "phx_ref", ref2))), metas);
        assertEquals(java.util.Set.of("metas", "user"), one.keySet());
        assertEquals(Optional.empty(), presence.get(TOPIC, "3"));
        assertEquals(Optional.empty(), presence.get("room:unknown", "1"));
    }

    @Test
    void untrackingWithoutAPresenceDoesNothingAndSendsNothing() {
        try (Wire wire = watcher(endpoint)) {
            presence.untrack("nobody", TOPIC, "alice");
            presence.untrack("nobody");
            presence.track("tab", TOPIC, "bob", Map.of());
            presence.untrack("tab", TOPIC, "alice");

            assertTrue(nextPayload(wire, "presence_diff").get("joins").has("bob"));
            assertEquals(List.of(), Frames.during(wire.client, Duration.ofMillis(100)));
        }
    }

    @Test
    void updatingWithoutAPresenceGivesEmptyAndSendsNothing() {
        try (Wire wire = watcher(endpoint)) {
            presence.track("tab", TOPIC, "bob", Map.of());
            nextPayload(wire, "presence_diff");

            assertEquals(Optional.empty(), presence.update("nobody", TOPIC, "bob", old -> old));
            assertEquals(Optional.empty(), presence.update("tab", TOPIC, "alice", old -> old));
            assertEquals(Optional.empty(), presence.update("tab", "room:other", "bob",
                    old -> old));
            assertEquals(List.of(), Frames.during(wire.client, Duration.ofMillis(100)));
        }
    }

    @Test
    void keysStayStringsOnTheWireEvenWhenTheyLookLikeNumbers() {
        try (Wire wire = watcher(endpoint)) {
            presence.track("tab", TOPIC, "1", Map.of());

            JsonNode joins = nextPayload(wire, "presence_diff").get("joins");
            assertEquals(List.of("1"), fieldNames(joins));
            assertEquals(java.util.Set.of("1"), presence.list(TOPIC).keySet());
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
