package dev.channels.benchmarks;

import dev.channels.core.Endpoint;
import dev.channels.redis.RedisPubSub;
import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import dev.channels.spi.transport.WriteCompletion;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints broadcast delivery latency (p50, p99) and throughput to one subscriber, three ways
 * in one JVM with in-memory clients: on a node without Redis, on the publishing node when it
 * has a Redis adapter, and across two nodes through Redis; each on its own topic, so that
 * publishes of one run still on their way to Redis do not reach the next. Latency is
 * measured one message at a time (the next is sent when the last arrived); throughput with
 * up to 1,000 messages in flight.
 *
 * <p>Run (with a Redis at the URI, default {@code redis://127.0.0.1:6379}):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.channels.benchmarks.CrossNodeLatency
 * [redis-uri] [latency-messages] [throughput-messages]}
 */
public final class CrossNodeLatency {

    private static final int WINDOW = 1_000;

    private CrossNodeLatency() {
    }

    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        int latencyCount = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int throughputCount = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        Endpoint alone = Harness.endpoint();
        Endpoint a = Harness.endpoint(adapter(uri, prefix), "a");
        Endpoint b = Harness.endpoint(adapter(uri, prefix), "b");
        try {
            System.out.printf("%d messages for latency, %d for throughput, Redis at %s%n",
                    latencyCount, throughputCount, uri);
            System.out.printf("%-34s %10s %10s %14s%n", "", "p50 (us)", "p99 (us)", "msg/s");
            run("single node, no Redis", alone, alone, latencyCount, throughputCount);
            run("single node, Redis adapter", a, a, latencyCount, throughputCount);
            run("cross node, through Redis", a, b, latencyCount, throughputCount);
        } finally {
            for (Endpoint endpoint : List.of(alone, a, b)) {
                endpoint.shutdown(Duration.ofSeconds(2));
            }
        }
    }

    private static RedisPubSub adapter(String uri, String prefix) {
        return RedisPubSub.builder(uri).keyPrefix(prefix).outgoingLimit(1_000_000, 1L << 30)
                .build();
    }

    private static void run(String name, Endpoint publisher, Endpoint subscriberNode,
            int latencyCount, int throughputCount) {
        String topic = "bench:" + name.replaceAll("[^a-z]+", "-");
        Receiver receiver = new Receiver(topic, 2 * latencyCount + throughputCount);
        Inbound socket = Harness.open(subscriberNode, receiver);
        socket.onText("[\"1\",\"1\",\"" + topic + "\",\"phx_join\",{}]");
        awaitSubscribed(publisher, receiver);
        int next = 0;
        next = latency(publisher, receiver, next, latencyCount);
        long[] micros = new long[latencyCount];
        int first = next;
        next = latency(publisher, receiver, next, latencyCount);
        for (int i = 0; i < latencyCount; i++) {
            micros[i] = (receiver.arrived[first + i] - receiver.sent[first + i]) / 1_000;
        }
        Arrays.sort(micros);
        long start = System.nanoTime();
        for (int i = 0; i < throughputCount; i++) {
            Harness.await(receiver.count, next - WINDOW);
            publish(publisher, receiver, next++);
        }
        Harness.await(receiver.count, next);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-34s %10d %10d %14.0f%n", name, micros[latencyCount / 2],
                micros[latencyCount * 99 / 100], throughputCount / seconds);
        socket.onClosed(1000, "done");
    }

    private static int latency(Endpoint publisher, Receiver receiver, int from, int count) {
        for (int n = from; n < from + count; n++) {
            publish(publisher, receiver, n);
            Harness.await(receiver.count, n + 1);
        }
        return from + count;
    }

    private static void publish(Endpoint publisher, Receiver receiver, int n) {
        receiver.sent[n] = System.nanoTime();
        publisher.broadcast(receiver.topic, "m", Map.of("n", n));
    }

    /** Sends probes until one arrives: the subscription has reached Redis. */
    private static void awaitSubscribed(Endpoint publisher, Receiver receiver) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiver.probes.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no probe crossed within 10 s: is Redis up?");
            }
            publisher.broadcast(receiver.topic, "probe", Map.of());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Notes when each numbered message arrives; counts the probes. */
    private static final class Receiver implements Connection {

        final String topic;
        final long[] sent;
        final long[] arrived;
        final AtomicLong count = new AtomicLong();
        final AtomicLong probes = new AtomicLong();

        Receiver(String topic, int capacity) {
            this.topic = topic;
            this.sent = new long[capacity];
            this.arrived = new long[capacity];
        }

        @Override
        public void write(List<OutboundFrame> batch, WriteCompletion done) {
            long now = System.nanoTime();
            for (OutboundFrame frame : batch) {
                String text = frame.text();
                int at = text.lastIndexOf("{\"n\":");
                if (at >= 0) {
                    int n = Integer.parseInt(text.substring(at + 5, text.indexOf('}', at)));
                    arrived[n] = now;
                    count.incrementAndGet();
                } else if (text.contains("\"probe\"")) {
                    probes.incrementAndGet();
                }
            }
            done.complete(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }
}
