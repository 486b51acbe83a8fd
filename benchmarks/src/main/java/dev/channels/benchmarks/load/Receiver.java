package dev.channels.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the deliveries of one broadcast event and records their latency: receive time minus
 * the payload's {@code server_ts} (epoch ms), in ms. Shared by every socket of a process;
 * recording is wait-free, so the client threads never contend on a lock.
 */
final class Receiver implements Connection.Handler {

    /**
     * What arrived since the previous sample.
     *
     * @param delivered deliveries since the previous sample
     * @param latencies their latencies in ms
     */
    record Sample(long delivered, Histogram latencies) {
    }

    private final String event;
    private final Recorder latencies = new Recorder(3);
    private final AtomicLong delivered = new AtomicLong();
    /** Deliveries already handed out in a sample; only the sampling thread touches it. */
    private long sampled;

    Receiver(String event) {
        this.event = event;
    }

    @Override
    public void onMessage(Connection connection, String received, String text,
            long receivedMillis, long receivedNanos) {
        if (!event.equals(received)) {
            return;
        }
        long sent = Frame.number(text, "server_ts");
        if (sent >= 0) {
            latencies.recordValue(Math.max(0, receivedMillis - sent));
        }
        delivered.incrementAndGet();
    }

    /** Deliveries and latencies since the previous call; called from one thread at a time. */
    Sample sample() {
        Histogram interval = latencies.getIntervalHistogram();
        long now = delivered.get();
        long since = now - sampled;
        sampled = now;
        return new Sample(since, interval);
    }
}
