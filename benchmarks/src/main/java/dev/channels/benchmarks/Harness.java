package dev.channels.benchmarks;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectInfo;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import dev.channels.core.Endpoint;
import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shared pieces: a bench socket whose channels join and echo, and a connection that counts
 * the frames written to it and throws them away, so figures show the library's own cost.
 */
final class Harness {

    static final ConnectInfo INFO = ConnectInfo.builder("memory")
            .uri(URI.create("/socket/websocket")).build();
    static final Map<String, String> V2 = Map.of("vsn", "2.0.0");

    private Harness() {
    }

    static Endpoint endpoint() {
        return builder().build();
    }

    /** An endpoint on a pub/sub adapter, as one node among several. */
    static Endpoint endpoint(PubSubAdapter adapter, String node) {
        return builder().pubSub(adapter).nodeName(node).build();
    }

    private static Endpoint.Builder builder() {
        return Endpoint.builder()
                .socket("/socket", new BenchSocket())
                .outboundLimit(1_000_000, 1L << 30)
                .maxChannelsPerSocket(1_000)
                .logLevel("off");
    }

    static Inbound open(Endpoint endpoint, Connection connection) {
        return endpoint.acceptor("/socket").handshake(V2, INFO).open(connection);
    }

    /** Blocks until a counter reaches a value, spinning politely. */
    static void await(LongAdder counter, long target) {
        int spins = 0;
        while (counter.sum() < target) {
            if (++spins % 64 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Blocks until a counter reaches a value, spinning politely. */
    static void await(AtomicLong counter, long target) {
        int spins = 0;
        while (counter.get() < target) {
            if (++spins % 64 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Counts frames and drops them. */
    static final class CountingConnection implements Connection {

        private final LongAdder frames;

        CountingConnection(LongAdder frames) {
            this.frames = frames;
        }

        @Override
        public void write(List<OutboundFrame> batch, WriteCompletion done) {
            frames.add(batch.size());
            done.complete(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    static final class BenchSocket implements Socket {

        @Override
        public void routes(Routes routes) {
            routes.channel("bench:*", BenchChannel::new);
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept();
        }
    }

    static final class BenchChannel implements Channel {

        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            return Join.ok();
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            return Reply.ok(payload);
        }
    }
}
