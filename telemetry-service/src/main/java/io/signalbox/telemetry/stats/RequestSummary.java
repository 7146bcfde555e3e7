package io.signalbox.telemetry.stats;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a set of requests looked like. {@code ttftMs} is null when none of them reported a time to first
 * token (non-streaming requests do not). Token sums count unreported counts as zero.
 */
public record RequestSummary(
        long requests,
        long errors,
        Map<String, Long> errorsByClass,
        Percentiles latencyMs,
        @Nullable Percentiles ttftMs,
        long promptTokens,
        long completionTokens) {

    public RequestSummary {
        errorsByClass = Map.copyOf(errorsByClass);
    }
}
