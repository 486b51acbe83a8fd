package dev.channels.examples.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a client's {@code Presence} (phoenix.js) shows for a topic, replayed from the frames
 * it received: {@code presence_state} replaces the state, {@code presence_diff} adds and
 * removes metas by {@code phx_ref}, and diffs that arrive before the first state wait for it,
 * as the JS client does.
 */
final class PresenceView {

    private PresenceView() {
    }

    /** The keys (user ids) present on a topic, from a client's frames in order. */
    static Set<String> users(List<PhxClient.Frame> frames, String topic) {
        Map<String, Set<String>> state = null;
        List<JsonNode> pending = new ArrayList<>();
        for (PhxClient.Frame frame : frames) {
            if (frame.is(topic, "presence_state")) {
                state = state(frame.payload());
                for (JsonNode diff : pending) {
                    apply(state, diff);
                }
                pending.clear();
            } else if (frame.is(topic, "presence_diff")) {
                if (state == null) {
                    pending.add(frame.payload());
                } else {
                    apply(state, frame.payload());
                }
            }
        }
        return state == null ? Set.of() : new TreeSet<>(state.keySet());
    }

    /** Whether a client received a {@code presence_diff} on a topic with this user leaving. */
    static boolean sawLeave(List<PhxClient.Frame> frames, String topic, String user) {
        return frames.stream().anyMatch(frame -> frame.is(topic, "presence_diff")
                && frame.payload().path("leaves").has(user));
    }

    private static Map<String, Set<String>> state(JsonNode payload) {
        Map<String, Set<String>> state = new TreeMap<>();
        payload.fields().forEachRemaining(entry -> state.put(entry.getKey(),
                refs(entry.getValue())));
        return state;
    }

    private static void apply(Map<String, Set<String>> state, JsonNode diff) {
        diff.path("joins").fields().forEachRemaining(entry -> state
                .computeIfAbsent(entry.getKey(), key -> new HashSet<>())
                .addAll(refs(entry.getValue())));
        diff.path("leaves").fields().forEachRemaining(entry -> {
            Set<String> refs = state.get(entry.getKey());
            if (refs != null) {
                refs.removeAll(refs(entry.getValue()));
                if (refs.isEmpty()) {
                    state.remove(entry.getKey());
                }
            }
        });
    }

    private static Set<String> refs(JsonNode presence) {
        Set<String> refs = new HashSet<>();
        presence.path("metas").forEach(meta -> refs.add(meta.path("phx_ref").asText()));
        return refs;
    }
}
