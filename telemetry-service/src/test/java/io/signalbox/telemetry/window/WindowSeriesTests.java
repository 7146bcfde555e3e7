package io.signalbox.telemetry.window;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import io.signalbox.telemetry.stats.Percentiles;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The window math: which slots a window counts as time moves on, how slots merge, and how accurate the merged
 * percentiles are against the exact percentiles of the same data.
 */
class WindowSeriesTests {

    /** A slot boundary of both rings (a multiple of 5 minutes), so the arithmetic below is easy to follow. */
    private static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();

    /** HdrHistogram with 2 significant digits reports a value at most one bucket above it: within 1 %. */
    private static final double PERCENTILE_ERROR_PERCENT = 1.0;

    private final WindowSeries series = new WindowSeries("ep-1");

    @Test
    void theOneMinuteWindowSlidesInTenSecondStepsAndForgetsOlderSlots() {
        for (int second = 0; second < 120; second += 10) {
            record(T0 + second * 1000L, 100);
        }
        long now = T0 + 125_000;

        WindowStats minute = series.stats(Window.ONE_MINUTE, now, Long.MIN_VALUE);

        // slots 70..79 s ... 120..129 s: the six slots ending with the one now filling
        assertThat(minute.requests()).isEqualTo(5);
        assertThat(minute.from()).isEqualTo(Instant.ofEpochMilli(T0 + 70_000));
        assertThat(series.stats(Window.FIVE_MINUTES, now, Long.MIN_VALUE).requests()).isEqualTo(12);
        assertThat(series.stats(Window.ONE_HOUR, now, Long.MIN_VALUE).requests()).isEqualTo(12);
    }

    @Test
    void slotsExpireWithoutAnyWriteAndAReusedSlotForgetsWhatItHeld() {
        record(T0, 100);
        record(T0 + 5_000, 100);

        assertThat(series.stats(Window.ONE_MINUTE, T0 + 59_000, Long.MIN_VALUE).requests()).isEqualTo(2);
        assertThat(series.stats(Window.ONE_MINUTE, T0 + 60_000, Long.MIN_VALUE).requests())
                .as("the slot of 0..10 s has left the minute").isZero();
        assertThat(series.stats(Window.FIVE_MINUTES, T0 + 299_999, Long.MIN_VALUE).requests()).isEqualTo(2);
        assertThat(series.stats(Window.FIVE_MINUTES, T0 + 300_000, Long.MIN_VALUE).requests()).isZero();
        assertThat(series.stats(Window.ONE_HOUR, T0 + 3_599_999, Long.MIN_VALUE).requests()).isEqualTo(2);
        assertThat(series.stats(Window.ONE_HOUR, T0 + 3_600_000, Long.MIN_VALUE).requests()).isZero();

        // 300 s later the same ring position holds a new slot: the old counts are gone, not added to
        record(T0 + 300_000, 700);
        WindowStats reused = series.stats(Window.ONE_MINUTE, T0 + 300_000, Long.MIN_VALUE);
        assertThat(reused.requests()).isEqualTo(1);
        assertThat(reused.latencyMs()).isNotNull();
        assertThat(reused.latencyMs().max()).isCloseTo(700, withinPercentage(PERCENTILE_ERROR_PERCENT));
    }

    @Test
    void aLateObservationCountsWhereItHappenedAndOneOlderThanTheFineRingOnlyInTheHour() {
        long now = T0 + 600_000;
        record(now - 20_000, 100, now);
        record(now - 400_000, 100, now);

        assertThat(series.stats(Window.ONE_MINUTE, now, Long.MIN_VALUE).requests()).isEqualTo(1);
        assertThat(series.stats(Window.FIVE_MINUTES, now, Long.MIN_VALUE).requests()).isEqualTo(1);
        assertThat(series.stats(Window.ONE_HOUR, now, Long.MIN_VALUE).requests()).isEqualTo(2);
    }

    @Test
    void anObservationFromTheFutureCountsNow() {
        record(T0 + 3_600_000, 100, T0);

        assertThat(series.stats(Window.ONE_MINUTE, T0, Long.MIN_VALUE).requests()).isEqualTo(1);
        assertThat(series.lastObservedMillis()).isEqualTo(T0);
    }

    @Test
    void ratesDivideByTheTimeCoveredIncludingTheSlotNowFilling() {
        for (int i = 0; i < 30; i++) {
            record(T0 + 50_000 + i * 100L, 100);
        }
        long now = T0 + 55_000;

        WindowStats minute = series.stats(Window.ONE_MINUTE, now, Long.MIN_VALUE);

        // slots from T0 (the window's start; 0..10 s is the oldest of the six) to now: 55 s
        assertThat(minute.coveredMillis()).isEqualTo(55_000);
        assertThat(minute.requestsPerSecond()).isCloseTo(30 / 55.0, within(1e-9));
        WindowStats sinceStart = series.stats(Window.ONE_MINUTE, now, T0 + 45_000);
        assertThat(sinceStart.coveredMillis()).as("nothing was observed before the service started").isEqualTo(10_000);
        assertThat(sinceStart.requestsPerSecond()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void errorsAreCountedByClassAndTheirRatesAreSharesOfAllRequests() {
        record(T0, 100);
        record(T0, 100);
        series.record(observation(T0, "upstream_503", 100, null, null, null, null, null), SeriesLabels.NONE, T0);
        series.record(observation(T0, "timeout", 30_000, null, null, null, null, null), SeriesLabels.NONE, T0);

        WindowStats stats = series.stats(Window.ONE_MINUTE, T0 + 1_000, Long.MIN_VALUE);

        assertThat(stats.errorRate()).isEqualTo(0.5);
        assertThat(stats.errorsByClass()).containsEntry("upstream_503", 1L).containsEntry("timeout", 1L);
        assertThat(stats.errorRateByClass()).containsEntry("timeout", 0.25);
    }

    @Test
    void tokenRatesCacheHitRatioAndDecodeSpeedComeFromReportedCountsOnly() {
        // streamed: 200 completion tokens in 2,000 ms after a 500 ms first token -> 100 tokens/s decode
        series.record(observation(T0, null, 2_500, 500L, 1_000, 200, 600, null), SeriesLabels.NONE, T0);
        // cached share not reported: counts for the token rate but not for the cache ratio
        series.record(observation(T0, null, 1_000, null, 1_000, 100, null, null), SeriesLabels.NONE, T0);

        WindowStats stats = series.stats(Window.ONE_MINUTE, T0 + 10_000, T0);

        assertThat(stats.promptTokens()).isEqualTo(2_000);
        assertThat(stats.promptTokensPerSecond()).isCloseTo(200.0, within(1e-9));
        assertThat(stats.completionTokensPerSecond()).isCloseTo(30.0, within(1e-9));
        assertThat(stats.promptCacheHitRatio()).isEqualTo(0.6);
        assertThat(stats.decodeTokensPerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(stats.ttftMs()).isNotNull();
        assertThat(stats.ttftMs().samples()).as("only the streamed answer has a first token").isEqualTo(1);
    }

    @Test
    void costIsSummedExactlyPerCurrencyAndItsHourlyRateIsRoundedHalfEvenOnce() {
        series.record(observation(T0, null, 100, null, null, null, null, new BigDecimal("0.000001")),
                SeriesLabels.NONE, T0);
        series.record(observation(T0 + 1_000, null, 100, null, null, null, null, new BigDecimal("0.100002")),
                SeriesLabels.NONE, T0 + 1_000);
        series.record(new Observation(T0 + 1_000, null, 100, null, null, null, null, "EUR", new BigDecimal("1.5")),
                SeriesLabels.NONE, T0 + 1_000);

        WindowStats stats = series.stats(Window.ONE_MINUTE, T0 + 7_000, T0);

        assertThat(stats.cost().get("USD")).isEqualByComparingTo("0.100003");
        // observed since T0 (when the service started), read 7 s later: 0.100003 * 3600000 / 7000 = 51.4301142857...
        assertThat(stats.costPerHour().get("USD")).isEqualTo(new BigDecimal("51.430114"));
        assertThat(stats.costPerHour().get("EUR")).isEqualTo(new BigDecimal("771.428571"));
    }

    @Test
    void aStreamTheClientCancelledIsCountedButNotSampledForLatency() {
        series.record(observation(T0, null, -1, null, null, null, null, null), SeriesLabels.NONE, T0);

        WindowStats stats = series.stats(Window.ONE_MINUTE, T0, Long.MIN_VALUE);

        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.latencyMs()).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 7, 42 })
    void percentilesMergedAcrossSlotsMatchTheExactPercentilesWithinOnePercent(long seed) {
        Random random = new Random(seed);
        long[] values = new long[50_000];
        long now = T0 + 299_000;
        for (int i = 0; i < values.length; i++) {
            // log-normal latencies around 400 ms with a long tail, spread over the 30 slots of five minutes
            values[i] = Math.max(1, Math.round(Math.exp(6 + random.nextGaussian() * 0.9)));
            record(T0 + (i % 30) * 10_000L + random.nextInt(10_000), values[i], now);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);

        Percentiles merged = series.stats(Window.FIVE_MINUTES, now, Long.MIN_VALUE).latencyMs();

        assertThat(merged).isNotNull();
        assertThat(merged.samples()).isEqualTo(values.length);
        assertThat(merged.p50()).isCloseTo(nearestRank(sorted, 50), withinPercentage(PERCENTILE_ERROR_PERCENT));
        assertThat(merged.p90()).isCloseTo(nearestRank(sorted, 90), withinPercentage(PERCENTILE_ERROR_PERCENT));
        assertThat(merged.p95()).isCloseTo(nearestRank(sorted, 95), withinPercentage(PERCENTILE_ERROR_PERCENT));
        assertThat(merged.p99()).isCloseTo(nearestRank(sorted, 99), withinPercentage(PERCENTILE_ERROR_PERCENT));
        assertThat(merged.max()).isCloseTo(sorted[sorted.length - 1], withinPercentage(PERCENTILE_ERROR_PERCENT));
        assertThat(merged.p95()).as("never below the exact value: a bucket's highest equivalent value")
                .isGreaterThanOrEqualTo(nearestRank(sorted, 95));
    }

    @Test
    void aBimodalMixKeepsItsSlowModeInTheTailAcrossSlots() {
        long now = T0 + 55_000;
        for (int i = 0; i < 900; i++) {
            record(T0 + (i % 6) * 10_000L, 80, now);
        }
        for (int i = 0; i < 100; i++) {
            record(T0 + 50_000, 4_000, now);
        }

        Percentiles merged = series.stats(Window.ONE_MINUTE, now, Long.MIN_VALUE).latencyMs();

        assertThat(merged.p50()).isEqualTo(80);
        assertThat(merged.p90()).isEqualTo(80);
        assertThat(merged.p95()).isCloseTo(4_000, withinPercentage(PERCENTILE_ERROR_PERCENT));
    }

    @Test
    void anIdleSeriesRetiresAndTakesNoMoreObservations() {
        record(T0, 100);

        assertThat(series.retireIfIdleSince(T0)).isFalse();
        assertThat(series.retireIfIdleSince(T0 + 1)).isTrue();
        assertThat(series.record(observation(T0 + 2, null, 100, null, null, null, null, null), SeriesLabels.NONE,
                T0 + 2)).isFalse();
    }

    @Test
    void aBusySeriesStaysWithinItsStatedMemoryBound() {
        Random random = new Random(3);
        for (long at = T0; at < T0 + 3_600_000; at += 200) {
            record(at, 1 + (long) (random.nextDouble() * random.nextDouble() * 120_000), at);
            series.record(observation(at, null, 5_000, (long) (1 + random.nextDouble() * 20_000), 10, 10, null, null),
                    SeriesLabels.NONE, at);
        }

        assertThat(series.footprintBytes()).isLessThan(160 * 1024);
    }

    private static long nearestRank(long[] sorted, double percentile) {
        return sorted[(int) Math.ceil(percentile / 100 * sorted.length) - 1];
    }

    private void record(long at, long latency) {
        record(at, latency, at);
    }

    private void record(long at, long latency, long now) {
        series.record(observation(at, null, latency, null, null, null, null, null), SeriesLabels.NONE, now);
    }

    private static Observation observation(long at, @Nullable String errorClass, long latency, @Nullable Long ttft,
            @Nullable Integer prompt, @Nullable Integer completion, @Nullable Integer cached,
            @Nullable BigDecimal cost) {
        return new Observation(at, errorClass, latency, ttft, prompt, completion, cached, cost == null ? null : "USD",
                cost);
    }
}
