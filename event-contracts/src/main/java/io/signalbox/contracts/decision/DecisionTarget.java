package io.signalbox.contracts.decision;

import io.signalbox.contracts.catalog.PriceSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One place the gateway may send a request, in the order it should try them.
 *
 * @param apiFormat the API the target speaks ({@code openai}, {@code openai-compatible}, ...)
 * @param baseUrl the target's API root, ending in {@code /v1}
 * @param price the model's price in effect at decision time, or null when the catalog has none
 * @param resilience the timeouts, retries and breaker thresholds the registry sets for the target's provider;
 *     null: the gateway's defaults
 */
public record DecisionTarget(
        String modelId,
        String modelName,
        String upstreamModel,
        String providerId,
        String apiFormat,
        @Nullable String poolId,
        @Nullable String endpointId,
        String baseUrl,
        @Nullable String region,
        @Nullable PriceSnapshot price,
        @Nullable TargetResilience resilience) {

    /** A target on the gateway's default timeouts, retries and breaker thresholds. */
    public DecisionTarget(String modelId, String modelName, String upstreamModel, String providerId, String apiFormat,
            @Nullable String poolId, @Nullable String endpointId, String baseUrl, @Nullable String region,
            @Nullable PriceSnapshot price) {
        this(modelId, modelName, upstreamModel, providerId, apiFormat, poolId, endpointId, baseUrl, region, price,
                null);
    }
}
