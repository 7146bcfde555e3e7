package io.signalbox.telemetry.stats;

import org.jspecify.annotations.Nullable;

/** Requests served by one endpoint of a self-hosted pool, with the model it served most recently. */
public record EndpointStatistics(String endpointId, @Nullable String poolId, @Nullable String providerId,
        @Nullable String modelId, @Nullable String modelName, RequestSummary summary) {
}
