package dev.channels.core.internal.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.channels.Binary;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.serializer.Serializers;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import dev.channels.spi.transport.OutboundFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
