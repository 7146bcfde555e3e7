package io.signalbox.telemetry.stats;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a distribution in milliseconds, read from an HdrHistogram: each value is accurate to
 * {@value RequestStats#SIGNIFICANT_DIGITS} significant digits (the histogram's bucket precision).
 *
 * @param samples how many values the distribution holds
 */
public record Percentiles(long p50, long p90, long p99, long max, long samples) {

    static Percentiles of(Histogram histogram) {
        return new Percentiles(
                histogram.getValueAtPercentile(50.0),
                histogram.getValueAtPercentile(90.0),
                histogram.getValueAtPercentile(99.0),
                histogram.getMaxValue(),
                histogram.getTotalCount());
    }
}
