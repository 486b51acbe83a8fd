package dev.channels.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The fan-out scenarios. N subscribers join one {@code bench:} topic; the server broadcasts
 * through {@code GET /broadcast}, and each broadcast carries the server's {@code server_ts}
 * (epoch ms). Latency is receive time minus {@code server_ts}, in ms, so client and server must
 * share a clock: run them on one machine.
 *
 * <ul>
 *   <li>{@code fanout}: K broadcasts at {@code --rate} per second; prints p50, p99, max and
 *       the deliveries.</li>
 *   <li>{@code sustained}: steps of {@code --step-seconds}, the broadcast rate multiplied by
 *       {@code --factor} each step, until p99 passes {@code --bound} ms or deliveries fall
 *       behind; prints deliveries per second for each step.</li>
 * </ul>
 */
final class Fanout implements Connection.Handler {

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String event;
    private final Recorder latencies = new Recorder(3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastDelivery = new AtomicLong(System.nanoTime());

    private Fanout(String event) {
        this.event = event;
    }

    @Override
    public void onFrame(Connection connection, Frame frame, long receivedMillis,
            long receivedNanos) {
        if (!event.equals(frame.event())) {
            return;
        }
        JsonNode sent = frame.payload().get("server_ts");
        if (sent != null) {
            latencies.recordValue(Math.max(0, receivedMillis - sent.asLong()));
        }
        delivered.incrementAndGet();
        lastDelivery.set(receivedNanos);
    }

    static void fanout(Options options) throws IOException, InterruptedException {
        int broadcasts = options.integer("broadcasts", 100);
        double rate = options.decimal("rate", 10);
        Fanout run = new Fanout(options.string("event", "load"));
        String topic = options.string("topic", "bench:load");
        try (LoadClient client = LoadTool.client(options)) {
            int subscribers = run.subscribe(client, options, topic);
            run.latencies.reset();
            long start = System.nanoTime();
            run.lastDelivery.set(start);
            for (int i = 0; i < broadcasts; i++) {
                pace(start, i, rate);
                client.broadcast(topic, run.event, "fanout " + i);
            }
            long expected = (long) subscribers * broadcasts;
            run.awaitDeliveries(expected);
            double seconds = (run.lastDelivery.get() - start) / 1e9;
            Histogram histogram = run.latencies.getIntervalHistogram();
            System.out.printf("fanout: %d subscribers on %s, %d broadcasts at %.1f/s%n",
                    subscribers, topic, broadcasts, rate);
            System.out.printf("deliveries: %d of %d in %.1f s (%.0f/s)%n", run.delivered.get(),
                    expected, seconds, run.delivered.get() / seconds);
            System.out.println("latency: " + Latencies.line(histogram, "ms"));
            LoadTool.hold(options);
        }
    }

    static void sustained(Options options) throws IOException, InterruptedException {
        double rate = options.decimal("rate", 10);
        double factor = options.decimal("factor", 2);
        double maxRate = options.decimal("max-rate", 10_000);
        long bound = options.integer("bound", 100);
        int stepSeconds = options.integer("step-seconds", 5);
        Fanout run = new Fanout(options.string("event", "load"));
        String topic = options.string("topic", "bench:load");
        try (LoadClient client = LoadTool.client(options)) {
            int subscribers = run.subscribe(client, options, topic);
            Semaphore inFlight = new Semaphore(options.integer("broadcasts-in-flight", 32));
            System.out.printf("sustained: %d subscribers on %s, p99 bound %d ms%n",
                    subscribers, topic, bound);
            for (; rate <= maxRate; rate *= factor) {
                run.latencies.reset();
                long before = run.delivered.get();
                long start = System.nanoTime();
                int sent = run.broadcastFor(client, topic, rate, stepSeconds, inFlight);
                run.awaitDeliveries(before + (long) sent * subscribers);
                double seconds = (System.nanoTime() - start) / 1e9;
                Histogram histogram = run.latencies.getIntervalHistogram();
                long got = run.delivered.get() - before;
                long expected = (long) sent * subscribers;
                System.out.printf("rate %.0f/s: %d broadcasts, %d of %d deliveries, %.0f"
                        + " deliveries/s, %s%n", rate, sent, got, expected, got / seconds,
                        Latencies.line(histogram, "ms"));
                if (histogram.getValueAtPercentile(99) > bound || got < expected * 0.99) {
                    System.out.printf("stopped: p99 above %d ms or deliveries behind%n",
                            bound);
                    break;
                }
            }
        }
    }

    private int subscribe(LoadClient client, Options options, String topic)
            throws InterruptedException {
        int clients = options.integer("clients", 1_000);
        long start = System.nanoTime();
        List<Connection> joined = client.openAndJoin(clients, options.integer("user", 1),
                topic, options.integer("in-flight", 100), this);
        System.out.printf("joined %d of %d sockets in %.1f s%n", joined.size(), clients,
                (System.nanoTime() - start) / 1e9);
        return joined.size();
    }

    /** Broadcasts at {@code rate} per second for {@code seconds}; returns how many went. */
    private int broadcastFor(LoadClient client, String topic, double rate, int seconds,
            Semaphore inFlight) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        int sent = 0;
        while (System.nanoTime() < end) {
            pace(start, sent, rate);
            inFlight.acquire();
            client.broadcastAsync(topic, event, "sustained " + sent)
                    .whenComplete((ok, error) -> inFlight.release());
            sent++;
        }
        return sent;
    }

    /** Waits until {@code expected} deliveries arrived or none arrived for ten seconds. */
    private void awaitDeliveries(long expected) throws InterruptedException {
        long entered = System.nanoTime();
        while (delivered.get() < expected) {
            if (System.nanoTime() - Math.max(entered, lastDelivery.get()) > IDLE_NANOS) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** Sleeps until the {@code i}-th event of a run at {@code rate} per second is due. */
    private static void pace(long start, int i, double rate) throws InterruptedException {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
