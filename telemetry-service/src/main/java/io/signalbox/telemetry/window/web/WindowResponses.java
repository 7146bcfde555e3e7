package io.signalbox.telemetry.window.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.signalbox.telemetry.stats.Percentiles;
import io.signalbox.telemetry.window.SeriesLabels;
import io.signalbox.telemetry.window.WindowStats;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the windows API. Derived figures (rates, ratios) are computed here from the exact sums, which
 * are shown too; money is a string with six decimals, as everywhere in Signalbox.
 */
final class WindowResponses {

    private WindowResponses() {
    }

    record Listing(String dimension, String window, Instant at, List<Entry> items) {
    }

    record Detail(String dimension, String key, SeriesLabels labels, Map<String, Figures> windows) {
    }

    record Entry(String key, SeriesLabels labels, Figures stats) {
    }

    record Figures(String window, Instant from, Instant to, double seconds, long requests, double requestsPerSecond,
            long errors, double errorRate, Map<String, Long> errorsByClass, Map<String, Double> errorRateByClass,
            @Nullable Percentiles latencyMs, @Nullable Percentiles ttftMs, Tokens tokens, PromptCache promptCache,
            Map<String, Money> cost) {

        static Figures of(WindowStats stats) {
            Map<String, Money> cost = new TreeMap<>();
            Map<String, BigDecimal> perHour = stats.costPerHour();
            stats.cost().forEach((currency, total) -> cost.put(currency, new Money(
                    total.setScale(Math.max(6, total.scale())).toPlainString(), perHour.get(currency).toPlainString())));
            return new Figures(stats.window(), stats.from(), stats.to(), stats.coveredMillis() / 1000.0,
                    stats.requests(), stats.requestsPerSecond(), stats.errors(), stats.errorRate(),
                    new TreeMap<>(stats.errorsByClass()), stats.errorRateByClass(), stats.latencyMs(), stats.ttftMs(),
                    new Tokens(stats.promptTokens(), stats.completionTokens(), stats.promptTokensPerSecond(),
                            stats.completionTokensPerSecond(), stats.decodeTokensPerSecond()),
                    new PromptCache(stats.cachedPromptTokens(), stats.cacheReportedPromptTokens(),
                            stats.promptCacheHitRatio()),
                    cost);
        }
    }

    /**
     * @param decodePerSecond completion tokens per second of streamed answers after their first token
     */
    record Tokens(long prompt, long completion, double promptPerSecond, double completionPerSecond,
            @Nullable Double decodePerSecond) {
    }

    /**
     * @param promptTokens prompt tokens of the requests that reported their cached share
     * @param hitRatio cachedTokens / promptTokens; null when no request reported a cached share
     */
    record PromptCache(long cachedTokens, long promptTokens, @Nullable Double hitRatio) {
    }

    record Money(String total, String perHour) {
    }
}
