package dev.channels.core.internal.presence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Several trackers in one JVM on fake time, joined by a bus that can delay, drop, duplicate
 * and partition messages, all decided by one seeded random. Records every message sent.
 */
final class TestNet {

    final FakeTime time = new FakeTime();
    final Map<String, Tracker> nodes = new LinkedHashMap<>();
    final Map<String, DiffRecorder> diffs = new LinkedHashMap<>();
    final List<Sent> sent = new ArrayList<>();
    private final Random random;
    private final Set<String> cut = new HashSet<>();
    private final TrackerConfig config;
    long minDelay = 1;
    long maxDelay = 1;
    double dropRate;
    double duplicateRate;

    TestNet(long seed, TrackerConfig config) {
        this.random = new Random(seed);
        this.config = config;
    }

    /** A message on the bus: who sent it to whom (null for a broadcast), decoded. */
    record Sent(String from, String to, int shard, TrackerMessage message) {
    }

    Tracker add(String name) {
        DiffRecorder recorder = new DiffRecorder();
        Tracker tracker = new Tracker(name, config, time, time, bus(name), random, recorder);
        nodes.put(name, tracker);
        diffs.put(name, recorder);
        tracker.start();
        return tracker;
    }

    /** Replaces a node by a fresh start under the same name (a new vsn). */
    Tracker restart(String name) {
        nodes.remove(name).close();
        return add(name);
    }

    /** Stops a node without a word to the others (a crash, or a suspended VM). */
    void kill(String name) {
        nodes.remove(name).close();
    }

    void partition(String a, String b) {
        cut.add(a + "|" + b);
        cut.add(b + "|" + a);
    }

    void heal() {
        cut.clear();
    }

    boolean connected(String a, String b) {
        return !cut.contains(a + "|" + b);
    }

    void advance(long millis) {
        time.advance(millis);
    }

    List<Sent> sentOf(Class<? extends TrackerMessage> type) {
        List<Sent> out = new ArrayList<>();
        for (Sent message : sent) {
            if (type.isInstance(message.message())) {
                out.add(message);
            }
        }
        return out;
    }

    private TrackerBus bus(String from) {
        return new TrackerBus() {
            @Override
            public void broadcast(int shard, byte[] message) {
                sent.add(new Sent(from, null, shard, TrackerCodec.decode(message)));
                for (String to : new ArrayList<>(nodes.keySet())) {
                    if (!to.equals(from)) {
                        carry(from, to, shard, message);
                    }
                }
            }

            @Override
            public void send(String node, int shard, byte[] message) {
                sent.add(new Sent(from, node, shard, TrackerCodec.decode(message)));
                carry(from, node, shard, message);
            }
        };
    }

    private void carry(String from, String to, int shard, byte[] message) {
        if (!connected(from, to) || random.nextDouble() < dropRate) {
            return;
        }
        int copies = random.nextDouble() < duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = minDelay + (long) (random.nextDouble() * (maxDelay - minDelay + 1));
            Tracker target = nodes.get(to);
            time.schedule(delay, () -> {
                if (nodes.get(to) == target && target != null && connected(from, to)) {
                    target.receive(shard, message);
                }
            });
        }
    }
}
