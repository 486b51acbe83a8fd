package dev.channels.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state a phoenix.js {@code Presence} builds from {@code presence_state} and
 * {@code presence_diff} payloads (PROTOCOL.md §5.4: {@code syncState}, {@code syncDiff}),
 * reduced to what tests compare: each key's metas by {@code phx_ref}.
 */
final class JsPresence {

    /** Key to metas, in the order the JS client keeps them. */
    private final Map<String, List<JsonNode>> state = new TreeMap<>();

    /** Applies a state payload as {@code syncState} does: a diff against the current state. */
    void syncState(JsonNode newState) {
        ObjectNode joins = Frames.JSON.createObjectNode();
        ObjectNode leaves = Frames.JSON.createObjectNode();
        state.forEach((key, metas) -> {
            if (!newState.has(key)) {
                leaves.set(key, presence(metas));
            }
        });
        newState.fields().forEachRemaining(entry -> {
            List<JsonNode> current = state.get(entry.getKey());
            JsonNode metas = entry.getValue().get("metas");
            if (current == null) {
                joins.set(entry.getKey(), entry.getValue());
                return;
            }
            Set<String> newRefs = refs(metas);
            Set<String> currentRefs = refs(asArray(current));
            List<JsonNode> joined = new ArrayList<>();
            metas.forEach(meta -> {
                if (!currentRefs.contains(meta.get("phx_ref").asText())) {
                    joined.add(meta);
                }
            });
            List<JsonNode> left = new ArrayList<>();
            current.forEach(meta -> {
                if (!newRefs.contains(meta.get("phx_ref").asText())) {
                    left.add(meta);
                }
            });
            if (!joined.isEmpty()) {
                joins.set(entry.getKey(), presence(joined));
            }
            if (!left.isEmpty()) {
                leaves.set(entry.getKey(), presence(left));
            }
        });
        ObjectNode diff = Frames.JSON.createObjectNode();
        diff.set("joins", joins);
        diff.set("leaves", leaves);
        syncDiff(diff);
    }

    private static ObjectNode presence(List<JsonNode> metas) {
        ObjectNode presence = Frames.JSON.createObjectNode();
        presence.set("metas", asArray(metas));
        return presence;
    }

    /** Applies a diff payload as {@code syncDiff} does: joins first, then leaves. */
    void syncDiff(JsonNode diff) {
        diff.get("joins").fields().forEachRemaining(entry -> join(entry.getKey(),
                entry.getValue().get("metas")));
        diff.get("leaves").fields().forEachRemaining(entry -> {
            List<JsonNode> current = state.get(entry.getKey());
            if (current == null) {
                return;
            }
            Set<String> left = refs(entry.getValue().get("metas"));
            current.removeIf(meta -> left.contains(meta.get("phx_ref").asText()));
            if (current.isEmpty()) {
                state.remove(entry.getKey());
            }
        });
    }

    private void join(String key, JsonNode joinedMetas) {
        Set<String> joined = refs(joinedMetas);
        List<JsonNode> metas = new ArrayList<>();
        for (JsonNode meta : state.getOrDefault(key, List.of())) {
            if (!joined.contains(meta.get("phx_ref").asText())) {
                metas.add(meta);
            }
        }
        joinedMetas.forEach(metas::add);
        state.put(key, metas);
    }

    private static Set<String> refs(JsonNode metas) {
        Set<String> refs = new TreeSet<>();
        metas.forEach(meta -> refs.add(meta.get("phx_ref").asText()));
        return refs;
    }

    /** Key to the {@code phx_ref}s of its metas, sorted: what two views must agree on. */
    Map<String, Set<String>> refsByKey() {
        Map<String, Set<String>> out = new TreeMap<>();
        state.forEach((key, metas) -> out.put(key, refs(asArray(metas))));
        return out;
    }

    /** The same reduction of a {@code list} result or {@code presence_state} payload. */
    static Map<String, Set<String>> refsByKey(JsonNode listed) {
        Map<String, Set<String>> out = new TreeMap<>();
        listed.fields().forEachRemaining(entry -> out.put(entry.getKey(),
                refs(entry.getValue().get("metas"))));
        return out;
    }

    private static JsonNode asArray(List<JsonNode> metas) {
        return Frames.JSON.valueToTree(metas);
    }
}
