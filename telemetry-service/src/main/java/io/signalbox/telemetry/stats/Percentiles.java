package io.signalbox.telemetry.stats;

import org.HdrHistogram.AbstractHistogram;

/**
 * Percentiles of a distribution in milliseconds, read from an HdrHistogram. Each value is the highest value
 * the histogram cannot tell apart from the true percentile, so it is at most one bucket above it: within
 * 0.1 % for the cumulative statistics (3 significant digits) and within 1 % for the rolling windows
 * (2 significant digits).
 *
 * @param samples how many values the distribution holds
 */
public record Percentiles(long p50, long p90, long p95, long p99, long max, long samples) {

    public static Percentiles of(AbstractHistogram histogram) {
        return new Percentiles(
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(95.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getMaxValue(),
                histogram.getTotalCount());
    }
}
