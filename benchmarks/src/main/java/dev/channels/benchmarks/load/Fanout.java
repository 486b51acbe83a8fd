package dev.channels.benchmarks.load;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The fan-out scenarios. N subscribers join one {@code bench:} topic; the server broadcasts
 * through {@code GET /broadcast}, and each broadcast carries the server's {@code server_ts}
 * (epoch ms). Latency is receive time minus {@code server_ts}, in ms, so client and server must
 * share a clock: run them on one machine. More subscribers than one process holds are spread
 * over worker processes (see {@link Subscribers}).
 *
 * <ul>
 *   <li>{@code fanout}: {@code --warmup} broadcasts (20) not measured, then K broadcasts at
 *       {@code --rate} per second; prints p50, p99, max and the deliveries and, with
 *       {@code --pid P} of a server on this machine, the server's and this client's CPU time
 *       per delivery, user and kernel.</li>
 *   <li>{@code sustained}: after the same warm-up, steps of {@code --step-seconds}, the
 *       broadcast rate multiplied by {@code --factor} each step, until p99 passes
 *       {@code --bound} ms or deliveries fall behind; prints deliveries per second for each
 *       step and the best step within the bound.</li>
 * </ul>
 */
final class Fanout {

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_MILLIS = 50;

    private final Subscribers subscribers;
    /** The latencies of the current measurement; only the scenario's thread touches it. */
    private final Histogram latencies = new Histogram(3);
    private long delivered;
    private long lastDelivery;

    private Fanout(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    static void fanout(Options options) throws IOException, InterruptedException {
        int broadcasts = options.integer("broadcasts", 100);
        double rate = options.decimal("rate", 10);
        String event = options.string("event", "load");
        String topic = options.string("topic", "bench:load");
        try (LoadClient client = LoadTool.client(options);
                Subscribers subscribers = join(options, topic, event)) {
            Fanout run = new Fanout(subscribers);
            warmUp(options, client, subscribers, run, topic, event);
            long pid = options.integer("pid", -1);
            ProcessCpu serverBefore = pid > 0 ? ProcessCpu.read(pid) : null;
            ProcessCpu clientBefore = ProcessCpu.read(0);
            run.restart();
            long start = System.nanoTime();
            for (int i = 0; i < broadcasts; i++) {
                pace(start, i, rate);
                client.broadcast(topic, event, "fanout " + i);
            }
            long expected = (long) subscribers.joined() * broadcasts;
            run.awaitDeliveries(expected);
            ProcessCpu serverAfter = pid > 0 ? ProcessCpu.read(pid) : null;
            ProcessCpu clientAfter = ProcessCpu.read(0);
            double seconds = (run.lastDelivery - start) / 1e9;
            System.out.printf("fanout: %d subscribers on %s, %d broadcasts at %.1f/s%n",
                    subscribers.joined(), topic, broadcasts, rate);
            System.out.printf("deliveries: %d of %d in %.1f s (%.0f/s)%n", run.delivered,
                    expected, seconds, run.delivered / seconds);
            System.out.println("latency: " + Latencies.line(run.latencies, "ms"));
            if (serverBefore != null && serverAfter != null) {
                System.out.println("server CPU per delivery: "
                        + ProcessCpu.perEvent(serverBefore, serverAfter, run.delivered));
            }
            if (clientBefore != null && clientAfter != null
                    && !(subscribers instanceof WorkerSubscribers)) {
                System.out.println("client CPU per delivery (this process): "
                        + ProcessCpu.perEvent(clientBefore, clientAfter, run.delivered));
            }
            LoadTool.hold(options);
        }
    }

    static void sustained(Options options) throws IOException, InterruptedException {
        double rate = options.decimal("rate", 10);
        double factor = options.decimal("factor", 2);
        double maxRate = options.decimal("max-rate", 10_000);
        long bound = options.integer("bound", 100);
        int stepSeconds = options.integer("step-seconds", 5);
        String event = options.string("event", "load");
        String topic = options.string("topic", "bench:load");
        try (LoadClient client = LoadTool.client(options);
                Subscribers subscribers = join(options, topic, event)) {
            Fanout run = new Fanout(subscribers);
            warmUp(options, client, subscribers, run, topic, event);
            Semaphore inFlight = new Semaphore(options.integer("broadcasts-in-flight", 32));
            System.out.printf("sustained: %d subscribers on %s, p99 bound %d ms%n",
                    subscribers.joined(), topic, bound);
            double best = 0;
            double bestRate = 0;
            for (; rate <= maxRate; rate *= factor) {
                run.restart();
                long start = System.nanoTime();
                int sent = broadcastFor(client, topic, event, rate, stepSeconds, inFlight);
                long expected = (long) sent * subscribers.joined();
                run.awaitDeliveries(expected);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("rate %.0f/s: %d broadcasts, %d of %d deliveries, %.0f"
                        + " deliveries/s, %s%n", rate, sent, run.delivered, expected,
                        run.delivered / seconds, Latencies.line(run.latencies, "ms"));
                if (run.latencies.getValueAtPercentile(99) > bound
                        || run.delivered < expected * 0.99) {
                    System.out.printf("stopped: p99 above %d ms or deliveries behind%n",
                            bound);
                    break;
                }
                best = run.delivered / seconds;
                bestRate = rate;
            }
            System.out.printf("sustained: %.0f deliveries/s (%.0f broadcasts/s to %d"
                    + " subscribers) with p99 within %d ms%n", best, bestRate,
                    subscribers.joined(), bound);
        }
    }

    /** {@code --warmup} broadcasts (20), not measured: a fresh server compiles its code. */
    private static void warmUp(Options options, LoadClient client, Subscribers subscribers,
            Fanout run, String topic, String event) throws IOException, InterruptedException {
        int warmup = options.integer("warmup", 20);
        for (int i = 0; i < warmup; i++) {
            client.broadcast(topic, event, "warmup " + i);
        }
        run.awaitDeliveries((long) subscribers.joined() * warmup);
    }

    private static Subscribers join(Options options, String topic, String event)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Subscribers subscribers = Subscribers.open(options, topic, event);
        System.out.printf("joined %d of %d sockets in %.1f s%n", subscribers.joined(),
                options.integer("clients", 1_000), (System.nanoTime() - start) / 1e9);
        return subscribers;
    }

    /** Drops what arrived so far: the next measurement starts now. */
    private void restart() throws IOException {
        subscribers.sample();
        latencies.reset();
        delivered = 0;
        lastDelivery = System.nanoTime();
    }

    /** Polls until {@code expected} deliveries arrived or none arrived for ten seconds. */
    private void awaitDeliveries(long expected) throws IOException, InterruptedException {
        long idleSince = System.nanoTime();
        while (delivered < expected && System.nanoTime() - idleSince < IDLE_NANOS) {
            Thread.sleep(POLL_MILLIS);
            Receiver.Sample sample = subscribers.sample();
            if (sample.delivered() > 0) {
                delivered += sample.delivered();
                latencies.add(sample.latencies());
                lastDelivery = System.nanoTime();
                idleSince = lastDelivery;
            }
        }
    }

    /** Broadcasts at {@code rate} per second for {@code seconds}; returns how many went. */
    private static int broadcastFor(LoadClient client, String topic, String event,
            double rate, int seconds, Semaphore inFlight) throws InterruptedException {
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

    /** Sleeps until the {@code i}-th event of a run at {@code rate} per second is due. */
    private static void pace(long start, int i, double rate) throws InterruptedException {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
