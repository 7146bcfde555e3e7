package io.signalbox.telemetry.web;

import java.util.Map;

import io.signalbox.telemetry.stats.EndpointStatistics;
import io.signalbox.telemetry.stats.ModelStatistics;
import io.signalbox.telemetry.stats.Percentiles;
import io.signalbox.telemetry.stats.RequestSummary;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the telemetry API: flat objects, one per model or endpoint. */
final class TelemetryResponses {

    private TelemetryResponses() {
    }

    record ModelEntry(String modelId, @Nullable String modelName, @Nullable String providerId, long requests,
            long errors, Map<String, Long> errorsByClass, Percentiles latencyMs, @Nullable Percentiles ttftMs,
            long promptTokens, long completionTokens) {

        static ModelEntry of(ModelStatistics stats) {
            RequestSummary s = stats.summary();
            return new ModelEntry(stats.modelId(), stats.modelName(), stats.providerId(), s.requests(), s.errors(),
                    s.errorsByClass(), s.latencyMs(), s.ttftMs(), s.promptTokens(), s.completionTokens());
        }
    }

    record EndpointEntry(String endpointId, @Nullable String poolId, @Nullable String providerId,
            @Nullable String modelId, @Nullable String modelName, long requests, long errors,
            Map<String, Long> errorsByClass, Percentiles latencyMs, @Nullable Percentiles ttftMs, long promptTokens,
            long completionTokens) {

        static EndpointEntry of(EndpointStatistics stats) {
            RequestSummary s = stats.summary();
            return new EndpointEntry(stats.endpointId(), stats.poolId(), stats.providerId(), stats.modelId(),
                    stats.modelName(), s.requests(), s.errors(), s.errorsByClass(), s.latencyMs(), s.ttftMs(),
                    s.promptTokens(), s.completionTokens());
        }
    }
}
