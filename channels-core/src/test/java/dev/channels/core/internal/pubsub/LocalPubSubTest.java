package dev.channels.core.internal.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Binary;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.serializer.Serializers;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import dev.channels.spi.transport.OutboundFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The fastlane: one encode per serializer, shared by every subscriber. */
class LocalPubSubTest {

    private final List<String> adapterCalls = new ArrayList<>();
    private final PubSubAdapter recording = new PubSubAdapter() {
        @Override
        public void start(String node, Inbox inbox) {
        }

        @Override
        public void subscribe(String topic) {
            adapterCalls.add("subscribe " + topic);
        }

        @Override
        public void unsubscribe(String topic) {
            adapterCalls.add("unsubscribe " + topic);
        }

        @Override
        public void publish(PubSubMessage message) {
            adapterCalls.add("publish " + message.topic() + " " + message.event());
        }

        @Override
        public void close() {
        }
    };

    @Test
    void everySubscriberGetsTheSameEncodedFrameAndTheSenderIsSkipped() {
        LocalPubSub pubSub = new LocalPubSub(recording, "a");
        List<OutboundFrame> frames = new ArrayList<>();
        Subscriber first = dispatch -> frames.add(dispatch.frameFor(Serializers.V2));
        Subscriber second = dispatch -> frames.add(dispatch.frameFor(Serializers.V2));
        Subscriber sender = dispatch -> frames.add(null);
        pubSub.subscribe("room:1", first);
        pubSub.subscribe("room:1", second);
        pubSub.subscribe("room:1", sender);

        pubSub.broadcast("room:1", "e", EncodedPayload.of(Map.of("m", 1)), sender);

        assertEquals(2, frames.size());
        assertSame(frames.get(0), frames.get(1));
        assertEquals("[null,null,\"room:1\",\"e\",{\"m\":1}]", frames.get(0).text());
    }

    @Test
    void theAdapterHearsATopicFromItsFirstSubscriberToItsLast() {
        LocalPubSub pubSub = new LocalPubSub(recording, "a");
        Subscriber one = dispatch -> { };
        Subscriber two = dispatch -> { };
        pubSub.subscribe("t", one);
        pubSub.subscribe("t", two);
        pubSub.unsubscribe("t", one);
        pubSub.unsubscribe("t", one);
        pubSub.unsubscribe("t", two);

        assertEquals(List.of("subscribe t", "unsubscribe t"), adapterCalls);
        assertEquals(0, pubSub.topicCount());
    }

    @Test
    void aBinaryBroadcastHasNoV1Frame() {
        Dispatch dispatch = new Dispatch("t", "e", EncodedPayload.of(Binary.of((byte) 9)));
        assertNull(dispatch.frameFor(Serializers.V1));
        assertEquals(OutboundFrame.binary(new byte[] {2, 1, 1, 't', 'e', 9}).bytes(),
                dispatch.frameFor(Serializers.V2).bytes());
    }

    @Test
    void messagesFromOtherNodesAreDeliveredAndOwnEchoesIgnored() {
        PubSubAdapter.Inbox[] inbox = new PubSubAdapter.Inbox[1];
        LocalPubSub pubSub = new LocalPubSub(new PubSubAdapter() {
            @Override
            public void start(String node, Inbox delivery) {
                inbox[0] = delivery;
            }

            @Override
            public void subscribe(String topic) {
            }

            @Override
            public void unsubscribe(String topic) {
            }

            @Override
            public void publish(PubSubMessage message) {
            }

            @Override
            public void close() {
            }
        }, "a");
        List<String> heard = new ArrayList<>();
        pubSub.subscribe("t", dispatch -> heard.add(dispatch.payload().json()));
        byte[] json = "{\"x\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        inbox[0].deliver(new PubSubMessage("t", "e", false, json, "b", null));
        inbox[0].deliver(new PubSubMessage("t", "e", false, json, "a", null));
        inbox[0].deliver(new PubSubMessage("t", "e", false, json, "b", "c"));

        assertEquals(List.of("{\"x\":1}"), heard);
    }

    @Test
    void aLargeTopicIsDeliveredByHelpersOnceToEachSubscriberInTheSendersOrder()
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            LocalPubSub pubSub = new LocalPubSub(recording, "a", pool, 4);
            int subscribers = 5_000;
            List<List<Integer>> heard = new ArrayList<>();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Subscriber skipped = dispatch -> fail("the sender must be skipped");
            for (int i = 0; i < subscribers; i++) {
                List<Integer> mine = Collections.synchronizedList(new ArrayList<>());
                heard.add(mine);
                pubSub.subscribe("big", dispatch -> {
                    threads.add(Thread.currentThread().getName());
                    mine.add(Integer.parseInt(dispatch.payload().json()));
                });
                if (i == subscribers / 2) {
                    pubSub.subscribe("big", skipped);
                }
            }

            for (int n = 0; n < 200; n++) {
                pubSub.localBroadcast("big", "e", EncodedPayload.ofJson(String.valueOf(n)),
                        skipped);
            }

            List<Integer> inOrder = IntStream.range(0, 200).boxed().toList();
            for (List<Integer> mine : heard) {
                assertEquals(inOrder, mine);
            }
            assertTrue(threads.size() > 1, "delivered by one thread only: " + threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLargeBroadcastCompletesWhenNoHelperEverRuns() {
        List<Runnable> neverRun = new ArrayList<>();
        LocalPubSub pubSub = new LocalPubSub(recording, "a", neverRun::add, 2);
        int[] delivered = new int[1];
        for (int i = 0; i < 4_096; i++) {
            pubSub.subscribe("big", dispatch -> delivered[0]++);
        }

        pubSub.localBroadcast("big", "e", EncodedPayload.ofJson("{}"), null);

        assertEquals(4_096, delivered[0]);
        assertEquals(1, neverRun.size());
        neverRun.get(0).run();
        assertEquals(4_096, delivered[0], "a late helper finds nothing left to deliver");
    }

    @Test
    void aFailingSubscriberInAHelpersShareReachesTheBroadcaster() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            LocalPubSub pubSub = new LocalPubSub(recording, "a", pool, 2);
            for (int i = 0; i < 4_096; i++) {
                boolean bad = i == 4_000;
                pubSub.subscribe("big", dispatch -> {
                    if (bad) {
                        throw new IllegalStateException("subscriber 4000 broke");
                    }
                });
            }

            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> pubSub.localBroadcast("big", "e", EncodedPayload.ofJson("{}"), null));
            assertEquals("subscriber 4000 broke", thrown.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }
}
