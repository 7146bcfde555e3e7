package io.signalbox.registry.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.TeamInfo;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.model.ModelRepository;
import io.signalbox.registry.model.Price;
import io.signalbox.registry.model.PriceRepository;
import io.signalbox.registry.pool.Endpoint;
import io.signalbox.registry.pool.EndpointRepository;
import io.signalbox.registry.pool.PoolRepository;
import io.signalbox.registry.provider.Provider;
import io.signalbox.registry.provider.ProviderRepository;
import io.signalbox.registry.route.Route;
import io.signalbox.registry.route.RouteRepository;
import io.signalbox.registry.tenant.Team;
import io.signalbox.registry.tenant.TeamRepository;
import io.signalbox.registry.tenant.TenantPriceAdjustment;
import io.signalbox.registry.tenant.TenantPriceAdjustmentRepository;
import io.signalbox.registry.tenant.TenantRepository;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles the catalog snapshot. All reads run in one repeatable-read transaction, so the snapshot
 * is exactly the catalog at its {@code version}: a reader that holds version N and receives a
 * RegistryChanged for N+1 knows a fresh snapshot contains that change.
 */
@Service
public class CatalogSnapshots {

    private static final Sort BY_CREATION = Sort.by("createdAt", "id");

    private final RegistryChanges changes;

    private final ProviderRepository providers;

    private final ModelRepository models;

    private final PriceRepository prices;

    private final PoolRepository pools;

    private final EndpointRepository endpoints;

    private final RouteRepository routes;

    private final TenantRepository tenants;

    private final TeamRepository teams;

    private final TenantPriceAdjustmentRepository adjustments;

    private final Clock clock;

    CatalogSnapshots(RegistryChanges changes, ProviderRepository providers, ModelRepository models,
            PriceRepository prices, PoolRepository pools, EndpointRepository endpoints, RouteRepository routes,
            TenantRepository tenants, TeamRepository teams, TenantPriceAdjustmentRepository adjustments, Clock clock) {
        this.changes = changes;
        this.providers = providers;
        this.models = models;
        this.prices = prices;
        this.pools = pools;
        this.endpoints = endpoints;
        this.routes = routes;
        this.tenants = tenants;
        this.teams = teams;
        this.adjustments = adjustments;
        this.clock = clock;
    }

    /** The version a snapshot taken now would have: one read, for readers that ask whether theirs is current. */
    public long currentVersion() {
        return changes.currentVersion();
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CatalogSnapshot snapshot() {
        long version = changes.currentVersion();
        Map<UUID, List<PriceSnapshot>> pricesByModel = prices.findAll(Sort.by("effectiveFrom", "id")).stream()
                .collect(Collectors.groupingBy(Price::getModelId,
                        Collectors.mapping(Price::toSnapshot, Collectors.toList())));
        Map<UUID, List<EndpointInfo>> endpointsByPool = endpoints.findAll(BY_CREATION).stream()
                .collect(Collectors.groupingBy(Endpoint::getPoolId,
                        Collectors.mapping(Endpoint::toInfo, Collectors.toList())));
        List<ProviderInfo> providerInfos = providers.findAll(BY_CREATION).stream()
                .map(Provider::toInfo)
                .toList();
        List<ModelInfo> modelInfos = models.findAll(BY_CREATION).stream()
                .map(model -> model.toInfo(pricesByModel.getOrDefault(model.getId(), List.of())))
                .toList();
        List<PoolInfo> poolInfos = pools.findAll(BY_CREATION).stream()
                .map(pool -> pool.toInfo(endpointsByPool.getOrDefault(pool.getId(), List.of())))
                .toList();
        List<RouteInfo> routeInfos = routes.findAll(BY_CREATION).stream()
                .map(Route::toInfo)
                .toList();
        // Every rule, past ones too: they are few, and routing picks the one in effect at each request's time.
        Map<UUID, List<PriceAdjustment>> adjustmentsByTenant = adjustments.findAll(Sort.by("effectiveFrom", "id"))
                .stream()
                .collect(Collectors.groupingBy(TenantPriceAdjustment::getTenantId,
                        Collectors.mapping(TenantPriceAdjustment::toInfo, Collectors.toList())));
        // Only tenants with an allow-list or a price adjustment, and restricted teams: routing needs those, not
        // the whole directory.
        List<TenantInfo> tenantInfos = tenants.findAll(BY_CREATION).stream()
                .map(tenant -> tenant.toInfo(adjustmentsByTenant.getOrDefault(tenant.getId(), List.of())))
                .filter(Objects::nonNull)
                .toList();
        List<TeamInfo> teamInfos = teams.findAll(BY_CREATION).stream()
                .map(Team::toInfo)
                .filter(Objects::nonNull)
                .toList();
        return new CatalogSnapshot(version, clock.instant(), providerInfos, modelInfos, poolInfos, routeInfos,
                tenantInfos, teamInfos);
    }
}
