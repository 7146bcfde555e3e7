package io.signalbox.contracts.catalog;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything routing needs from the registry, served by model-registry-service at
 * {@code GET /internal/v1/catalog}. {@link #version()} grows with every registry change, so a
 * reader can tell whether a snapshot is newer than the one it holds.
 *
 * @param tenants the tenants with allow-lists (unrestricted tenants are left out)
 * @param teams the teams with allow-lists (unrestricted teams are left out)
 */
public record CatalogSnapshot(
        long version,
        Instant generatedAt,
        List<ProviderInfo> providers,
        List<ModelInfo> models,
        List<PoolInfo> pools,
        List<RouteInfo> routes,
        @Nullable List<TenantInfo> tenants,
        @Nullable List<TeamInfo> teams) {

    public CatalogSnapshot {
        providers = List.copyOf(providers);
        models = List.copyOf(models);
        pools = List.copyOf(pools);
        routes = List.copyOf(routes);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        teams = teams == null ? List.of() : List.copyOf(teams);
    }

    /**
     * The entity tag of the snapshot of {@code version} on {@code GET /internal/v1/catalog}: a reader that sends it
     * back in {@code If-None-Match} is answered {@code 304 Not Modified} while its version is still current.
     */
    public static String entityTag(long version) {
        return "\"" + version + "\"";
    }

    /** A catalog without tenant or team allow-lists. */
    public CatalogSnapshot(long version, Instant generatedAt, List<ProviderInfo> providers, List<ModelInfo> models,
            List<PoolInfo> pools, List<RouteInfo> routes) {
        this(version, generatedAt, providers, models, pools, routes, List.of(), List.of());
    }
}
