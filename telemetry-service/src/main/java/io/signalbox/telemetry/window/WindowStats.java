package io.signalbox.telemetry.window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.telemetry.stats.Percentiles;
import org.jspecify.annotations.Nullable;

/**
 * One series over one window. Sums are exact; rates divide by the time the window actually covers
 * ({@code from..to}), never by its nominal length, so a window that has just started does not under-report.
 * Money stays {@link BigDecimal}: {@link #costPerHour()} is exact to {@value PriceSnapshot#COST_SCALE} decimals,
 * rounded half-even once.
 *
 * @param window {@code 1m}, {@code 5m} or {@code 1h}
 * @param from the start of the oldest slot counted, or when this instance started consuming if later
 * @param to when the window was read
 * @param latencyMs null when nothing in the window had a latency to sample
 * @param ttftMs null when nothing in the window streamed
 * @param cachedPromptTokens cached prompt tokens, from requests that reported them
 * @param cacheReportedPromptTokens prompt tokens of those same requests (the hit ratio's denominator)
 * @param decodeTokens completion tokens of streamed answers, generated during {@code decodeMillis}
 * @param decodeMillis the time those answers spent after their first token
 * @param cost exact cost per currency
 */
public record WindowStats(
        String window,
        Instant from,
        Instant to,
        long requests,
        long errors,
        Map<String, Long> errorsByClass,
        @Nullable Percentiles latencyMs,
        @Nullable Percentiles ttftMs,
        long promptTokens,
        long completionTokens,
        long cachedPromptTokens,
        long cacheReportedPromptTokens,
        long decodeTokens,
        long decodeMillis,
        Map<String, BigDecimal> cost) {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(Duration.ofHours(1).toMillis());

    public WindowStats {
        errorsByClass = Map.copyOf(errorsByClass);
        cost = Map.copyOf(cost);
    }

    /** The time covered, at least one millisecond. */
    public long coveredMillis() {
        return Math.max(1, Duration.between(from, to).toMillis());
    }

    public double requestsPerSecond() {
        return requests * 1000.0 / coveredMillis();
    }

    /** Failed share of the requests; 0 when there were none. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** Each error class's share of all requests, by class name. */
    public Map<String, Double> errorRateByClass() {
        Map<String, Double> rates = new TreeMap<>();
        errorsByClass.forEach((errorClass, count) -> rates.put(errorClass, (double) count / Math.max(1, requests)));
        return rates;
    }

    public double promptTokensPerSecond() {
        return promptTokens * 1000.0 / coveredMillis();
    }

    public double completionTokensPerSecond() {
        return completionTokens * 1000.0 / coveredMillis();
    }

    /** Output speed of streamed answers after their first token; null when none streamed. */
    public @Nullable Double decodeTokensPerSecond() {
        return decodeMillis == 0 ? null : decodeTokens * 1000.0 / decodeMillis;
    }

    /** Cached prompt tokens / prompt tokens, over requests that reported both; null when none did. */
    public @Nullable Double promptCacheHitRatio() {
        return cacheReportedPromptTokens == 0 ? null : (double) cachedPromptTokens / cacheReportedPromptTokens;
    }

    /** Spend per hour at this window's pace, per currency, exact to 6 decimals. */
    public Map<String, BigDecimal> costPerHour() {
        Map<String, BigDecimal> rates = new TreeMap<>();
        BigDecimal covered = BigDecimal.valueOf(coveredMillis());
        cost.forEach((currency, amount) -> rates.put(currency,
                amount.multiply(MILLIS_PER_HOUR).divide(covered, PriceSnapshot.COST_SCALE, RoundingMode.HALF_EVEN)));
        return rates;
    }
}
