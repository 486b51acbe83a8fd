package dev.channels.core.internal.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Records diffs and replays them the way the JS client applies them (joins, then leaves). */
final class DiffRecorder implements DiffListener {

    final List<SortedMap<String, Changes>> seen = new ArrayList<>();

    @Override
    public synchronized void diff(SortedMap<String, Changes> byTopic) {
        seen.add(byTopic);
    }

    synchronized List<Changes> forTopic(String topic) {
        List<Changes> out = new ArrayList<>();
        for (SortedMap<String, Changes> diff : seen) {
            if (diff.containsKey(topic)) {
                out.add(diff.get(topic));
            }
        }
        return out;
    }

    synchronized Changes last(String topic) {
        List<Changes> all = forTopic(topic);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    synchronized void clear() {
        seen.clear();
    }

    /** Topic to key to phx_ref to meta, as a client that saw every diff would hold it. */
    synchronized Map<String, Map<String, Map<String, ObjectNode>>> replay() {
        Map<String, Map<String, Map<String, ObjectNode>>> state = new TreeMap<>();
        for (SortedMap<String, Changes> diff : seen) {
            diff.forEach((topic, changes) -> {
                Map<String, Map<String, ObjectNode>> keys =
                        state.computeIfAbsent(topic, t -> new TreeMap<>());
                for (Element join : changes.joins()) {
                    keys.computeIfAbsent(join.key(), k -> new TreeMap<>())
                            .put(join.phxRef(), join.meta());
                }
                for (Element leave : changes.leaves()) {
                    Map<String, ObjectNode> metas = keys.get(leave.key());
                    if (metas != null) {
                        metas.remove(leave.phxRef());
                        if (metas.isEmpty()) {
                            keys.remove(leave.key());
                        }
                    }
                }
                if (keys.isEmpty()) {
                    state.remove(topic);
                }
            });
        }
        return state;
    }
}
