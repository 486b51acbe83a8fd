package dev.channels.core.internal.presence;

import static dev.channels.core.internal.presence.StateTest.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random tracks, untracks, updates, owner ends and partitions on a lossy, slow, duplicating
 * bus, then a heal: every node must list the same presences, and each node's diffs, replayed
 * as a client would, must give what it lists.
 */
class ConvergenceTest {

    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4");
    private static final List<String> TOPICS = List.of("room:a", "room:b", "room:c");
    private static final List<String> KEYS = List.of("u1", "u2", "u3", "u4", "u5");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void replicasConvergeAfterRandomOperationsAndPartitions(long seed) {
        Random random = new Random(seed);
        TestNet net = new TestNet(seed, TrackerConfig.defaults().withPoolSize(2));
        net.minDelay = 1;
        net.maxDelay = 800;
        net.dropRate = 0.15;
        net.duplicateRate = 0.1;
        NODES.forEach(net::add);
        List<List<PresenceOwner>> owners = new ArrayList<>();
        for (int i = 0; i < NODES.size(); i++) {
            owners.add(new ArrayList<>());
        }

        for (int step = 0; step < 400; step++) {
            int n = random.nextInt(NODES.size());
            Tracker node = net.nodes.get(NODES.get(n));
            operate(random, net, node, owners.get(n), step);
            net.advance(random.nextInt(1500));
        }

        net.heal();
        net.dropRate = 0;
        net.duplicateRate = 0;
        net.advance(90_000);

        Map<String, Map<String, Map<String, ObjectNode>>> expected = listed(net.nodes.get("n1"));
        for (String name : NODES) {
            assertEquals(expected, listed(net.nodes.get(name)), "list on " + name);
            assertEquals(expected, net.diffs.get(name).replay(), "replayed diffs on " + name);
        }
    }

    private static void operate(Random random, TestNet net, Tracker node,
            List<PresenceOwner> owners, int step) {
        String topic = TOPICS.get(random.nextInt(TOPICS.size()));
        String key = KEYS.get(random.nextInt(KEYS.size()));
        int roll = random.nextInt(100);
        if (roll < 40 || owners.isEmpty()) {
            PresenceOwner owner = owners.isEmpty() || random.nextBoolean()
                    ? new PresenceOwner(node.node() + "/" + step)
                    : owners.get(random.nextInt(owners.size()));
            if (!owners.contains(owner)) {
                owners.add(owner);
            }
            node.track(owner, topic, key, meta(key + "@" + step));
        } else if (roll < 60) {
            node.untrack(owners.get(random.nextInt(owners.size())), topic, key);
        } else if (roll < 75) {
            node.update(owners.get(random.nextInt(owners.size())), topic, key,
                    old -> old.put("step", step));
        } else if (roll < 82) {
            owners.remove(random.nextInt(owners.size())).end();
        } else if (roll < 92) {
            net.partition(NODES.get(random.nextInt(NODES.size())),
                    NODES.get(random.nextInt(NODES.size())));
        } else {
            net.heal();
        }
    }

    /** Topic to key to phx_ref to meta, as the node lists it. */
    private static Map<String, Map<String, Map<String, ObjectNode>>> listed(Tracker tracker) {
        Map<String, Map<String, Map<String, ObjectNode>>> out = new TreeMap<>();
        for (String topic : TOPICS) {
            Map<String, Map<String, ObjectNode>> keys = new TreeMap<>();
            tracker.list(topic).forEach((key, metas) -> {
                Map<String, ObjectNode> byRef = new TreeMap<>();
                metas.forEach(meta -> byRef.put(meta.get("phx_ref").asText(), meta));
                keys.put(key, byRef);
            });
            if (!keys.isEmpty()) {
                out.put(topic, keys);
            }
        }
        return out;
    }
}
