package io.signalbox.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * One serving endpoint of a pool. {@code baseUrl} is the OpenAI-compatible root (ending in
 * {@code /v1}); {@code state} is {@code active}, {@code draining} or {@code disabled}.
 *
 * @param metricsUrl where the server's Prometheus metrics are (queue depth, KV-cache use); null: not scraped
 */
public record EndpointInfo(String id, String poolId, String baseUrl, String region, String state, int weight,
        @Nullable String metricsUrl) {

    /** An endpoint without a metrics URL (the walking skeleton's shape). */
    public EndpointInfo(String id, String poolId, String baseUrl, String region, String state, int weight) {
        this(id, poolId, baseUrl, region, state, weight, null);
    }

    public boolean isActive() {
        return "active".equals(state);
    }
}
