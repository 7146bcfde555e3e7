package io.signalbox.contracts.catalog;

/**
 * One serving endpoint of a pool. {@code baseUrl} is the OpenAI-compatible root (ending in
 * {@code /v1}); {@code state} is {@code active}, {@code draining} or {@code disabled}.
 */
public record EndpointInfo(String id, String poolId, String baseUrl, String region, String state, int weight) {

    public boolean isActive() {
        return "active".equals(state);
    }
}
