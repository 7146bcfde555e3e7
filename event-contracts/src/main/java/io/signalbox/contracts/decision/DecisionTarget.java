package io.signalbox.contracts.decision;

import io.signalbox.contracts.catalog.PriceSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One place the gateway may send a request, in the order it should try them.
 *
 * @param apiFormat the API the target speaks ({@code openai}, {@code openai-compatible}, ...)
 * @param baseUrl the target's API root, ending in {@code /v1}
 * @param price the model's price in effect at decision time, or null when the catalog has none
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
        @Nullable PriceSnapshot price) {
}
