package dev.channels.core.internal.presence;

import dev.channels.Cancellable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** A wall clock and a scheduler on one fake time line that moves only when a test says. */
final class FakeTime extends Clock implements TrackerScheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now = 1_700_000_000_000L;
    private long sequence;

    long millis0() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Task scheduled = new Task(now + Math.max(0, delayMillis), sequence++, task);
        tasks.add(scheduled);
        return () -> tasks.remove(scheduled);
    }

    /** Runs every task due within the next {@code millis}, in time order, then moves there. */
    void advance(long millis) {
        long until = now + millis;
        while (!tasks.isEmpty() && tasks.peek().at <= until) {
            Task next = tasks.poll();
            now = Math.max(now, next.at);
            next.run.run();
        }
        now = until;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    private record Task(long at, long seq, Runnable run) implements Comparable<Task> {

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }
}
