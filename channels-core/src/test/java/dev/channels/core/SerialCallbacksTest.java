package dev.channels.core;

import static dev.channels.core.ChannelConformanceTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One channel's callbacks never overlap; different channels' callbacks run in parallel
 * (DESIGN.md, "ChannelServer").
 */
class SerialCallbacksTest {

    private static final int SOCKETS = 10;
    private static final int CHANNELS_PER_SOCKET = 100;
    private static final int MESSAGES = 10;
    private static final int MEETING = 8;

    private final AtomicInteger callbacks = new AtomicInteger();
    private final AtomicBoolean overlap = new AtomicBoolean();
    private final AtomicBoolean brokenMeeting = new AtomicBoolean();
    private final CyclicBarrier meeting = new CyclicBarrier(MEETING);

    @Test
    void aThousandChannelsEachRunOneCallbackAtATimeAndInParallelWithEachOther() {
        Endpoint endpoint = Endpoint.builder().socket("/socket", new ParallelSocket())
                .maxPendingInbound(10_000).build();
        List<Wire> wires = new ArrayList<>();
        try {
            for (int s = 0; s < SOCKETS; s++) {
                Wire wire = Wire.v2(endpoint);
                wires.add(wire);
                for (int c = 0; c < CHANNELS_PER_SOCKET; c++) {
                    wire.send("['j','j','par:" + s + ":" + c + "','phx_join',{}]");
                }
            }
            for (Wire wire : wires) {
                for (int c = 0; c < CHANNELS_PER_SOCKET; c++) {
                    wire.next();
                }
            }
            for (int m = 0; m < MEETING; m++) {
                wires.get(m).send("['j','meet','par:" + m + ":0','meet',{}]");
            }
            for (int i = 0; i < MESSAGES; i++) {
                for (int s = 0; s < SOCKETS; s++) {
                    for (int c = 0; c < CHANNELS_PER_SOCKET; c++) {
                        wires.get(s).send("['j','" + i + "','par:" + s + ":" + c + "','work',{}]");
                    }
                    endpoint.broadcast("par:" + s + ":" + (i % CHANNELS_PER_SOCKET), "out",
                            Map.of());
                }
            }
            int expected = MEETING + SOCKETS * CHANNELS_PER_SOCKET * MESSAGES * 2 + SOCKETS
                    * MESSAGES;
            awaitTrue(() -> callbacks.get() >= expected
                    || wires.stream().anyMatch(wire -> wire.client.isClosed()),
                    Duration.ofSeconds(60));
            for (Wire wire : wires) {
                assertFalse(wire.client.isClosed(), () -> "closed: " + wire.client.closeStatus());
            }
            assertEquals(expected, callbacks.get());
            assertFalse(overlap.get(), "two callbacks of one channel overlapped");
            assertFalse(brokenMeeting.get(), MEETING + " channels never ran at the same time");
        } finally {
            wires.forEach(Wire::close);
            endpoint.shutdown(Duration.ofSeconds(5));
        }
    }

    private final class ParallelSocket implements Socket {

        @Override
        public void routes(Routes routes) {
            routes.channel("par:*", CountingChannel::new);
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept();
        }
    }

    /** Records whether two of its callbacks ever ran at once. */
    private final class CountingChannel implements Channel {

        private final AtomicBoolean inside = new AtomicBoolean();

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            return Join.ok();
        }

        @Override
        public Set<String> intercepts() {
            return Set.of("out");
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            enter();
            try {
                if (event.equals("meet")) {
                    meet();
                } else {
                    channel.send("info");
                }
                Thread.yield();
                return Reply.noReply();
            } finally {
                leave();
            }
        }

        @Override
        public void handleInfo(Object message, ChannelContext channel) {
            enter();
            Thread.yield();
            leave();
        }

        @Override
        public void handleOut(String event, Payload payload, ChannelContext channel) {
            enter();
            Thread.yield();
            leave();
        }

        private void meet() {
            try {
                meeting.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                brokenMeeting.set(true);
            }
        }

        private void enter() {
            if (!inside.compareAndSet(false, true)) {
                overlap.set(true);
            }
        }

        private void leave() {
            inside.set(false);
            callbacks.incrementAndGet();
        }
    }
}
