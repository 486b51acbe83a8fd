package dev.channels.benchmarks.load;

import org.HdrHistogram.Histogram;

/** Prints an HdrHistogram of latencies in one line. */
final class Latencies {

    private Latencies() {
    }

    /** A line such as {@code p50 3 ms, p99 12 ms, p99.9 15 ms, max 17 ms (20000 samples)}. */
    static String line(Histogram histogram, String unit) {
        return String.format("p50 %d %s, p99 %d %s, p99.9 %d %s, max %d %s (%d samples)",
                histogram.getValueAtPercentile(50), unit,
                histogram.getValueAtPercentile(99), unit,
                histogram.getValueAtPercentile(99.9), unit,
                histogram.getMaxValue(), unit, histogram.getTotalCount());
    }
}
