package io.signalbox.telemetry.stats;

import org.jspecify.annotations.Nullable;

/**
 * Requests served by one model. Requests that never reached a model (no route, no healthy target) are
 * kept under the model id {@value UsageStatistics#NO_MODEL}, so their errors stay visible.
 */
public record ModelStatistics(String modelId, @Nullable String modelName, @Nullable String providerId,
        RequestSummary summary) {
}
