package io.signalbox.telemetry.window;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.signalbox.telemetry.stats.Percentiles;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** Merges the slots of one window into its {@link WindowStats}. HdrHistograms merge exactly (bucket by bucket). */
final class WindowAccumulator {

    private long requests;

    private long errors;

    private final Map<String, Long> errorsByClass = new TreeMap<>();

    private @Nullable Histogram latency;

    private @Nullable Histogram ttft;

    private long promptTokens;

    private long completionTokens;

    private long cachedPromptTokens;

    private long cacheReportedPromptTokens;

    private long decodeTokens;

    private long decodeMillis;

    private final Map<String, BigDecimal> cost = new HashMap<>(2);

    void add(Slot slot) {
        requests += slot.requests;
        errors += slot.errors;
        if (slot.errorsByClass != null) {
            slot.errorsByClass.forEach((errorClass, count) -> errorsByClass.merge(errorClass, count, Long::sum));
        }
        if (slot.latency != null) {
            if (latency == null) {
                latency = new Histogram(Slot.SIGNIFICANT_DIGITS);
            }
            latency.add(slot.latency);
        }
        if (slot.ttft != null) {
            if (ttft == null) {
                ttft = new Histogram(Slot.SIGNIFICANT_DIGITS);
            }
            ttft.add(slot.ttft);
        }
        promptTokens += slot.promptTokens;
        completionTokens += slot.completionTokens;
        cachedPromptTokens += slot.cachedPromptTokens;
        cacheReportedPromptTokens += slot.cacheReportedPromptTokens;
        decodeTokens += slot.decodeTokens;
        decodeMillis += slot.decodeMillis;
        if (slot.cost != null) {
            slot.cost.forEach((currency, amount) -> cost.merge(currency, amount, BigDecimal::add));
        }
    }

    WindowStats stats(Window window, long fromMillis, long toMillis) {
        return new WindowStats(window.label(), Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis),
                requests, errors, errorsByClass,
                latency == null || latency.getTotalCount() == 0 ? null : Percentiles.of(latency),
                ttft == null || ttft.getTotalCount() == 0 ? null : Percentiles.of(ttft),
                promptTokens, completionTokens, cachedPromptTokens, cacheReportedPromptTokens, decodeTokens,
                decodeMillis, cost);
    }
}
