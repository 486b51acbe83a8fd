package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A diff window above zero, seen by clients of a channel: every change of a burst inside one
 * window reaches each member as one merged {@code presence_diff}, and a client that applies
 * it as phoenix.js does ends with exactly the server's list. The window is long (1 s) so the
 * burst, made by host code in well under a millisecond, always fits in it on a loaded
 * machine; the test waits for the diff, not for the window.
 */
class PresenceDiffWindowTest {

    private static final String TOPIC = "room:burst";
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final int BURST = 50;

    private final PresenceRooms rooms = new PresenceRooms();
    private final Endpoint endpoint = Endpoint.builder().socket("/socket", rooms)
            .presenceDiffWindow(WINDOW).build();

    {
        rooms.presence = endpoint.presence();
    }

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void aBurstOfChangesInOneWindowReachesEachMemberAsOneDiffThatTheJsClientApplies() {
        List<Wire> members = new ArrayList<>();
        List<JsPresence> views = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Wire member = Wire.v2(endpoint);
                member.send("['1','1','" + TOPIC + "','phx_join',{}]");
                JsPresence view = new JsPresence();
                for (JsonNode frame : Frames.until(member.client,
                        Frames.event("presence_state"), "presence_state")) {
                    if (frame.get(3).asText().equals("presence_state")) {
                        view.syncState(frame.get(4));
                    }
                }
                members.add(member);
                views.add(view);
            }

            burst();

            for (int i = 0; i < members.size(); i++) {
                List<JsonNode> diffs = Frames.until(members.get(i).client,
                        Frames.event("presence_diff"), "the merged presence_diff");
                assertEquals(1, diffs.size(), () -> "the diff is the first frame: " + diffs);
                JsonNode diff = diffs.get(0).get(4);
                assertEquals(BURST - 1, diff.get("joins").size());
                assertFalse(diff.get("joins").has("u1"), "tracked and untracked in the window");
                assertEquals(List.of("u0", "u1"), fieldNames(diff.get("leaves")),
                        "a ref's last change wins: u0's first ref and u1's only ref left");
                views.get(i).syncDiff(diff);
                assertEquals(JsPresence.refsByKey(Frames.JSON.valueToTree(
                        endpoint.presence().list(TOPIC))), views.get(i).refsByKey());
            }
            assertEquals(List.of(), Frames.during(members.get(0).client, WINDOW.plusMillis(200)),
                    "no second diff after the window");
            for (Wire member : members) {
                assertEquals(List.of(), Frames.during(member.client, Duration.ofMillis(50)));
            }
            JsonNode u0 = Frames.JSON.valueToTree(endpoint.presence().list(TOPIC)).get("u0");
            assertEquals("t1", u0.get("metas").get(0).get("online_at").asText());
            assertTrue(u0.get("metas").get(0).has("phx_ref_prev"));
        } finally {
            members.forEach(Wire::close);
        }
    }

    /** Tracks u0..u49, updates u0 and untracks u1: all inside one window. */
    private void burst() {
        for (int i = 0; i < BURST; i++) {
            endpoint.presence().track("owner" + i, TOPIC, "u" + i, Map.of("online_at", "t0"));
        }
        endpoint.presence().update("owner0", TOPIC, "u0", old -> Map.of("online_at", "t1"));
        endpoint.presence().untrack("owner1", TOPIC, "u1");
    }

    /**
     * A client whose {@code presence_state} lists a ref that joined inside the window must
     * hear of its leave in the same window: the merged diff keeps the leave (phoenix.js
     * ignores leaves of refs it never had), where cancelling the pair would strand the ref.
     */
    @Test
    void aClientListedInsideTheWindowEndsWithTheServersListAfterTheMergedDiff() {
        endpoint.presence().track("tab", TOPIC, "alice", Map.of("online_at", "t0"));
        try (Wire late = Wire.v2(endpoint)) {
            late.send("['1','1','" + TOPIC + "','phx_join',{}]");
            JsPresence view = new JsPresence();
            List<JsonNode> frames = Frames.until(late.client, Frames.event("presence_state"),
                    "presence_state");
            view.syncState(frames.get(frames.size() - 1).get(4));
            assertEquals(List.of("alice"), List.copyOf(view.refsByKey().keySet()));

            endpoint.presence().update("tab", TOPIC, "alice", old -> Map.of("online_at", "t1"));
            endpoint.presence().track("tab", TOPIC, "bob", Map.of("online_at", "t0"));
            endpoint.presence().untrack("tab", TOPIC, "bob");
            long deadline = System.nanoTime() + Frames.PATIENCE.toNanos();
            while (!view.refsByKey().equals(serverRefs()) && System.nanoTime() < deadline) {
                Frames.until(late.client, Frames.event("presence_diff"), "presence_diff")
                        .stream().filter(Frames.event("presence_diff"))
                        .forEach(diff -> view.syncDiff(diff.get(4)));
            }

            assertEquals(serverRefs(), view.refsByKey());
            assertEquals(1, view.refsByKey().get("alice").size());
        }
    }

    private java.util.Map<String, java.util.Set<String>> serverRefs() {
        return JsPresence.refsByKey(Frames.JSON.valueToTree(endpoint.presence().list(TOPIC)));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
