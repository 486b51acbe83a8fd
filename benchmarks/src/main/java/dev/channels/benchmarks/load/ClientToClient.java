package dev.channels.benchmarks.load;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The {@code c2c} scenario: N sockets join one topic; {@code --senders S} of them each push
 * {@code --messages M} {@code new_msg} events at {@code --rate} per second, the body carrying
 * this process's {@link System#nanoTime()}; every socket records the time from push to the
 * server's {@code new_msg} broadcast, in microseconds, after {@code --warmup} (20) unmeasured
 * rounds. The clock is this JVM's, so the
 * scenario runs in one client process.
 */
final class ClientToClient implements Connection.Handler {

    private final Recorder latencies = new Recorder(3);
    private final AtomicLong delivered = new AtomicLong();

    private ClientToClient() {
    }

    @Override
    public void onMessage(Connection connection, String event, String text,
            long receivedMillis, long receivedNanos) {
        if (!"new_msg".equals(event)) {
            return;
        }
        String body = Frame.field(text, "body");
        if (body == null || !body.startsWith("t")) {
            return;
        }
        long sent = Long.parseLong(body.substring(1));
        latencies.recordValue(Math.max(0, (receivedNanos - sent) / 1_000));
        delivered.incrementAndGet();
    }

    static void run(Options options) throws IOException, InterruptedException {
        int clients = options.integer("clients", 1_000);
        int senders = options.integer("senders", 10);
        int messages = options.integer("messages", 100);
        double rate = options.decimal("rate", 10);
        String topic = options.string("topic", "bench:c2c");
        ClientToClient run = new ClientToClient();
        try (LoadClient client = LoadTool.client(options)) {
            List<Connection> joined = client.openAndJoin(clients, options.integer("user", 1),
                    topic, options.integer("in-flight", 100), run);
            List<Connection> senderSockets = joined.subList(0, Math.min(senders,
                    joined.size()));
            int warmup = options.integer("warmup", 20);
            for (int i = 0; i < warmup; i++) {
                for (Connection sender : senderSockets) {
                    sender.push("new_msg", "{\"body\":\"t" + System.nanoTime() + "\"}");
                }
            }
            long warmed = (long) senderSockets.size() * warmup * joined.size();
            long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (run.delivered.get() < warmed && System.nanoTime() < warmDeadline) {
                Thread.sleep(10);
            }
            run.delivered.set(0);
            run.latencies.reset();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                for (Connection sender : senderSockets) {
                    sender.push("new_msg", "{\"body\":\"t" + System.nanoTime() + "\"}");
                }
            }
            long expected = (long) senderSockets.size() * messages * joined.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (run.delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Histogram histogram = run.latencies.getIntervalHistogram();
            System.out.printf("c2c: %d sockets on %s, %d senders x %d new_msg at %.1f/s%n",
                    joined.size(), topic, senderSockets.size(), messages, rate);
            System.out.printf("deliveries: %d of %d%n", run.delivered.get(), expected);
            System.out.println("latency: " + Latencies.line(histogram, "us"));
        }
    }
}
