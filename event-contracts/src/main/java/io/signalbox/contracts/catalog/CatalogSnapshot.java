package io.signalbox.contracts.catalog;

import java.time.Instant;
import java.util.List;

/**
 * Everything routing needs from the registry, served by model-registry-service at
 * {@code GET /internal/v1/catalog}. {@link #version()} grows with every registry change, so a
 * reader can tell whether a snapshot is newer than the one it holds.
 */
public record CatalogSnapshot(
        long version,
        Instant generatedAt,
        List<ProviderInfo> providers,
        List<ModelInfo> models,
        List<PoolInfo> pools,
        List<RouteInfo> routes) {

    public CatalogSnapshot {
        providers = List.copyOf(providers);
        models = List.copyOf(models);
        pools = List.copyOf(pools);
        routes = List.copyOf(routes);
    }
}
