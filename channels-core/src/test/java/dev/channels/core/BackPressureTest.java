package dev.channels.core;

import static dev.channels.core.ChannelConformanceTest.awaitTrue;
import static dev.channels.core.ChannelConformanceTest.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.ChannelsListener;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.CloseCodes;
import dev.channels.core.memory.InMemoryClient;
import dev.channels.core.memory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every queue a client can fill is bounded, and overflowing it harms no other socket. */
class BackPressureTest {

    private final List<ChannelsListener.Dropped> drops = new CopyOnWriteArrayList<>();
    private final Endpoint endpoint = Endpoint.builder()
            .socket("/socket", new TestSocket())
            .outboundLimit(50, 1 << 20)
            .maxPendingInbound(20)
            .maxFrameSize(1024)
            .listener(new ChannelsListener() {
                @Override
                public void dropped(Dropped event) {
                    drops.add(event);
                }
            })
            .build();

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void aClientThatNeverReadsIsClosedWhileANormalClientKeepsReceiving() {
        InMemoryClient stalled = InMemoryTransport.of(endpoint).receiveBuffer(8)
                .connect("/socket", Map.of("vsn", "2.0.0"));
        stalled.sendText(Wire.frame("['1','1','room:fan','phx_join',{}]"));
        // The join runs on its own; the broadcasts below must find it done.
        assertEquals(Wire.frame("['1','1','room:fan','phx_reply',{'response':{},'status':'ok'}]"),
                stalled.nextText());
        Wire reader = Wire.v2(endpoint);
        join(reader, "1", "room:fan");

        for (int i = 0; i < 500 && !stalled.isClosed(); i++) {
            endpoint.broadcast("room:fan", "tick", Map.of("n", i));
            assertEquals(Wire.frame("[null,null,'room:fan','tick',{'n':" + i + "}]"),
                    nextTick(reader));
        }

        InMemoryClient.CloseStatus status = stalled.awaitClose(Duration.ofSeconds(5));
        assertEquals(new InMemoryClient.CloseStatus(CloseCodes.SLOW_CONSUMER, "slow consumer",
                true), status);
        assertEquals(CloseCodes.SLOW_CONSUMER, drops.get(0).code());
        awaitTrue(() -> endpoint.socketCount() == 1);

        endpoint.broadcast("room:fan", "after", Map.of());
        reader.expect("[null,null,'room:fan','after',{}]");
        reader.close();
    }

    private static String nextTick(Wire reader) {
        String frame = reader.next();
        while (frame.contains("user_entered")) {
            frame = reader.next();
        }
        return frame;
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.client.sendText("[null,\"1\",\"phoenix\",\"heartbeat\",{\"pad\":\""
                    + "x".repeat(2000) + "\"}]");
            assertEquals(new InMemoryClient.CloseStatus(CloseCodes.TOO_BIG, "frame too large",
                    true), wire.expectClosed());
        }
    }

    @Test
    void aClientFloodingASlowChannelIsClosedWith1008() {
        CountDownLatch release = new CountDownLatch(1);
        Endpoint slow = Endpoint.builder().maxPendingInbound(20)
                .socket("/socket", new SlowSocket(release)).build();
        try (Wire wire = Wire.v2(slow); Wire bystander = Wire.v2(slow)) {
            wire.send("['1','1','slow:1','phx_join',{}]").next();
            for (int i = 0; i < 30 && !wire.client.isClosed(); i++) {
                wire.client.sendText(Wire.frame("['1','" + (i + 2) + "','slow:1','work',{}]"));
            }
            assertEquals(new InMemoryClient.CloseStatus(CloseCodes.POLICY_VIOLATION,
                    "too many pending messages", true), wire.expectClosed());
            bystander.send("[null,'1','phoenix','heartbeat',{}]")
                    .expect("[null,'1','phoenix','phx_reply',{'response':{},'status':'ok'}]");
        } finally {
            release.countDown();
            slow.shutdown(Duration.ofSeconds(1));
        }
    }

    /** A socket whose channels block in handleIn until released. */
    private static final class SlowSocket implements Socket {

        private final CountDownLatch release;

        SlowSocket(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void routes(Routes routes) {
            routes.channel("slow:*", () -> new Channel() {
                @Override
                public Join join(String topic, Payload params, ChannelContext channel) {
                    return Join.ok();
                }

                @Override
                public Reply handleIn(String event, Payload payload, ChannelContext channel) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.ok();
                }
            });
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept();
        }
    }
}
