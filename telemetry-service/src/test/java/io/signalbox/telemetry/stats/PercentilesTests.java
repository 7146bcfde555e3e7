package io.signalbox.telemetry.stats;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class PercentilesTests {

    /** Three significant digits: any value is within 1 part in 1000 of what was recorded. */
    private static final double PRECISION_PERCENT = 0.1;

    @Test
    void uniformDistributionHasItsPercentilesWhereTheyBelong() {
        Percentiles percentiles = Percentiles.of(histogram(LongStream.rangeClosed(1, 10_000).toArray()));

        assertThat(percentiles.p50()).isCloseTo(5_000, withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.p90()).isCloseTo(9_000, withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.p99()).isCloseTo(9_900, withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.max()).isCloseTo(10_000, withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.samples()).isEqualTo(10_000);
    }

    @Test
    void slowTailShowsInP99ButNotInTheMedian() {
        long[] values = new long[1_000];
        Arrays.fill(values, 0, 900, 100);
        Arrays.fill(values, 900, 1_000, 5_000);

        Percentiles percentiles = Percentiles.of(histogram(values));

        assertThat(percentiles.p50()).isEqualTo(100);
        assertThat(percentiles.p90()).isEqualTo(100);
        assertThat(percentiles.p99()).isCloseTo(5_000, withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.max()).isCloseTo(5_000, withinPercentage(PRECISION_PERCENT));
    }

    @ParameterizedTest
    @ValueSource(longs = { 0, 1, 42, 2_047 })
    void smallValuesAreExact(long value) {
        Percentiles percentiles = Percentiles.of(histogram(new long[] { value, value, value }));

        assertThat(percentiles).isEqualTo(new Percentiles(value, value, value, value, value, 3));
    }

    @Test
    void exponentialLatenciesMatchTheExactNearestRankPercentiles() {
        Random random = new Random(7);
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + (long) (-Math.log(1 - random.nextDouble()) * 800);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);

        Percentiles percentiles = Percentiles.of(histogram(values));

        assertThat(percentiles.p50()).isCloseTo(nearestRank(sorted, 50), withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.p90()).isCloseTo(nearestRank(sorted, 90), withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.p99()).isCloseTo(nearestRank(sorted, 99), withinPercentage(PRECISION_PERCENT));
        assertThat(percentiles.max()).isCloseTo(sorted[sorted.length - 1], withinPercentage(PRECISION_PERCENT));
    }

    private static long nearestRank(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[rank - 1];
    }

    private static Histogram histogram(long[] values) {
        Histogram histogram = new Histogram(RequestStats.SIGNIFICANT_DIGITS);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }
}
