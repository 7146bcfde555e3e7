package io.signalbox.routing.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.catalog.TeamInfo;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.decision.AvailableModel;
import org.jspecify.annotations.Nullable;

/**
 * One catalog snapshot, indexed once when it is loaded so that resolving a request is a handful of
 * hash lookups. Immutable: a newer snapshot replaces the whole object, never a part of it, so a
 * decision always sees one consistent version.
 */
public final class Catalog {

    /** The model status that takes a model out of routing; every other status is routable. */
    public static final String DISABLED = "disabled";

    static final String ROUTE_KIND = "route";

    static final String MODEL_KIND = "model";

    static final String ROUTE_OWNER = "signalbox";

    private final long version;

    private final Map<String, RouteInfo> routesByAlias;

    private final Map<String, ModelInfo> modelsById;

    private final Map<String, ModelInfo> modelsByName;

    private final Map<String, ModelInfo> modelsByUpstreamModel;

    private final Map<String, ProviderInfo> providersById;

    private final Map<String, List<PoolInfo>> poolsByModelId;

    private final List<AvailableModel> availableModels;

    private final List<PoolInfo> pools;

    private final Map<String, TenantInfo> tenantsById;

    private final Map<String, TeamInfo> teamsById;

    private final Map<String, AllowList> modelsAllowedByTenant;

    private final Map<String, AllowList> modelsAllowedByTeam;

    private final Map<String, List<PriceAdjustment>> priceAdjustmentsByTenant;

    private Catalog(CatalogSnapshot snapshot) {
        this.version = snapshot.version();
        this.routesByAlias = index(snapshot.routes(), RouteInfo::alias);
        this.modelsById = index(snapshot.models(), ModelInfo::id);
        this.modelsByName = index(snapshot.models(), ModelInfo::name);
        this.modelsByUpstreamModel = indexUpstreamModels(snapshot.models());
        this.providersById = index(snapshot.providers(), ProviderInfo::id);
        this.poolsByModelId = groupPools(snapshot.pools());
        this.pools = List.copyOf(snapshot.pools());
        this.tenantsById = index(snapshot.tenants() == null ? List.of() : snapshot.tenants(), TenantInfo::id);
        this.teamsById = index(snapshot.teams() == null ? List.of() : snapshot.teams(), TeamInfo::id);
        this.modelsAllowedByTenant = new HashMap<>();
        tenantsById.forEach((id, tenant) -> {
            if (!tenant.allowedModels().isEmpty()) {
                modelsAllowedByTenant.put(id, new AllowList("tenant", Set.copyOf(tenant.allowedModels())));
            }
        });
        this.priceAdjustmentsByTenant = new HashMap<>();
        tenantsById.forEach((id, tenant) -> {
            if (!tenant.priceAdjustments().isEmpty()) {
                priceAdjustmentsByTenant.put(id, tenant.priceAdjustments());
            }
        });
        this.modelsAllowedByTeam = new HashMap<>();
        teamsById.forEach((id, team) -> {
            if (!team.allowedModels().isEmpty()) {
                modelsAllowedByTeam.put(id, new AllowList("team", Set.copyOf(team.allowedModels())));
            }
        });
        this.availableModels = listAvailable(snapshot, routesByAlias, providersById);
    }

    public static Catalog of(CatalogSnapshot snapshot) {
        return new Catalog(snapshot);
    }

    public long version() {
        return version;
    }

    public @Nullable RouteInfo routeByAlias(String alias) {
        return routesByAlias.get(alias);
    }

    /**
     * The model a client means by {@code name}: a model's own name first, then a provider's model id
     * (so that clients written against a provider keep working unchanged).
     */
    public @Nullable ModelInfo modelByNameOrUpstreamId(String name) {
        ModelInfo byName = modelsByName.get(name);
        return byName != null ? byName : modelsByUpstreamModel.get(name);
    }

    public @Nullable ModelInfo model(String modelId) {
        return modelsById.get(modelId);
    }

    public @Nullable ProviderInfo provider(String providerId) {
        return providersById.get(providerId);
    }

    /** The tenant's allow-lists, or null when the tenant is unrestricted (or unknown). */
    public @Nullable TenantInfo tenant(@Nullable String tenantId) {
        return tenantId == null ? null : tenantsById.get(tenantId);
    }

    /** The team's allow-list, or null when the team is unrestricted (or unknown). */
    public @Nullable TeamInfo team(@Nullable String teamId) {
        return teamId == null ? null : teamsById.get(teamId);
    }

    /** The model allow-lists that apply to a request of this tenant and team: none, one or both. */
    public List<AllowList> allowLists(@Nullable String tenantId, @Nullable String teamId) {
        AllowList tenant = tenantId == null ? null : modelsAllowedByTenant.get(tenantId);
        AllowList team = teamId == null ? null : modelsAllowedByTeam.get(teamId);
        if (tenant == null) {
            return team == null ? List.of() : List.of(team);
        }
        return team == null ? List.of(tenant) : List.of(tenant, team);
    }

    /** The tenant's allowed regions; empty: any. */
    public List<String> allowedRegions(@Nullable String tenantId) {
        TenantInfo tenant = tenant(tenantId);
        return tenant == null ? List.of() : tenant.allowedRegions();
    }

    /** Every pool, for the endpoint scraper. */
    public List<PoolInfo> pools() {
        return pools;
    }

    /** The pools whose base model is {@code modelId}, in snapshot order; empty when none. */
    public List<PoolInfo> poolsServing(String modelId) {
        return poolsByModelId.getOrDefault(modelId, List.of());
    }

    /** Route aliases and routable models, sorted by id, as {@code GET /v1/models} lists them. */
    public List<AvailableModel> availableModels() {
        return availableModels;
    }

    /**
     * {@link #availableModels()} without what the tenant's or team's allow-lists would refuse: a model must be on
     * every list that is set; a route alias must be, or at least one of its models must (requests to it then go
     * to those models).
     */
    public List<AvailableModel> availableModelsFor(@Nullable String tenantId, @Nullable String teamId) {
        List<AllowList> lists = allowLists(tenantId, teamId);
        if (lists.isEmpty()) {
            return availableModels;
        }
        List<AvailableModel> allowed = new ArrayList<>();
        for (AvailableModel entry : availableModels) {
            RouteInfo route = ROUTE_KIND.equals(entry.kind()) ? routeByAlias(entry.id()) : null;
            List<String> modelNames = new ArrayList<>();
            if (route != null) {
                for (RouteTarget target : route.targets()) {
                    ModelInfo model = model(target.modelId());
                    if (model != null) {
                        modelNames.add(model.name());
                    }
                }
            }
            if (lists.stream().allMatch(list -> list.allows(entry.id()) || modelNames.stream().anyMatch(list::allows))) {
                allowed.add(entry);
            }
        }
        return List.copyOf(allowed);
    }

    public int routeCount() {
        return routesByAlias.size();
    }

    public int modelCount() {
        return modelsById.size();
    }

    public static boolean isRoutable(ModelInfo model) {
        return !DISABLED.equals(model.status());
    }

    /**
     * The price in effect at {@code at}: the latest whose {@code effectiveFrom} is not after it, or
     * null when every price starts later (or there is none). Does not rely on the list's order.
     */
    public static @Nullable PriceSnapshot priceInEffect(ModelInfo model, Instant at) {
        PriceSnapshot inEffect = null;
        for (PriceSnapshot price : model.prices()) {
            if (!price.effectiveFrom().isAfter(at)
                    && (inEffect == null || price.effectiveFrom().isAfter(inEffect.effectiveFrom()))) {
                inEffect = price;
            }
        }
        return inEffect;
    }

    /**
     * The price a request of the tenant pays for the model at {@code at}: the list price in effect
     * ({@link #priceInEffect(ModelInfo, Instant)}) adjusted by the tenant's rule in effect that covers the model, if
     * any; null when the model has no price in effect. Of several rules in effect the most specific wins (one for
     * the model, else one for its provider, else a tenant-wide one), and of equally specific ones the one that took
     * effect last.
     */
    public @Nullable PriceSnapshot priceFor(ModelInfo model, @Nullable String tenantId, Instant at) {
        PriceSnapshot list = priceInEffect(model, at);
        if (list == null || tenantId == null) {
            return list;
        }
        PriceAdjustment rule = adjustmentInEffect(tenantId, model, at);
        return rule == null ? list : list.adjusted(rule.percent(), rule.id());
    }

    /** The tenant's rule that applies to the model at {@code at}, as {@link #priceFor} picks it; null: none. */
    public @Nullable PriceAdjustment adjustmentInEffect(String tenantId, ModelInfo model, Instant at) {
        List<PriceAdjustment> rules = priceAdjustmentsByTenant.get(tenantId);
        if (rules == null) {
            return null;
        }
        PriceAdjustment best = null;
        for (PriceAdjustment rule : rules) {
            if (rule.covers(model.providerId(), model.id()) && rule.inEffectAt(at)
                    && (best == null || beats(rule, best))) {
                best = rule;
            }
        }
        return best;
    }

    /** More specific first, then the later start; the id only breaks ties the registry does not allow. */
    private static boolean beats(PriceAdjustment rule, PriceAdjustment other) {
        int byScope = rule.scope().compareTo(other.scope());
        if (byScope != 0) {
            return byScope > 0;
        }
        int byStart = rule.effectiveFrom().compareTo(other.effectiveFrom());
        return byStart != 0 ? byStart > 0 : rule.id().compareTo(other.id()) > 0;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> index = new HashMap<>();
        for (T item : items) {
            index.putIfAbsent(key.apply(item), item);
        }
        return Map.copyOf(index);
    }

    /**
     * Two providers may serve the same upstream id; a routable model wins over a disabled one, and
     * otherwise the first in the snapshot wins, so the answer is stable across reloads.
     */
    private static Map<String, ModelInfo> indexUpstreamModels(List<ModelInfo> models) {
        Map<String, ModelInfo> index = new HashMap<>();
        for (ModelInfo model : models) {
            index.merge(model.upstreamModel(), model,
                    (held, candidate) -> !isRoutable(held) && isRoutable(candidate) ? candidate : held);
        }
        return Map.copyOf(index);
    }

    private static Map<String, List<PoolInfo>> groupPools(List<PoolInfo> pools) {
        Map<String, List<PoolInfo>> grouped = new HashMap<>();
        for (PoolInfo pool : pools) {
            grouped.computeIfAbsent(pool.modelId(), modelId -> new ArrayList<>()).add(pool);
        }
        Map<String, List<PoolInfo>> frozen = new HashMap<>();
        grouped.forEach((modelId, modelPools) -> frozen.put(modelId, List.copyOf(modelPools)));
        return Map.copyOf(frozen);
    }

    /**
     * A model whose name is also a route alias is left out: clients asking for that name get the
     * route, so listing the model too would advertise something they cannot reach by that name.
     */
    private static List<AvailableModel> listAvailable(CatalogSnapshot snapshot, Map<String, RouteInfo> routes,
            Map<String, ProviderInfo> providers) {
        long created = snapshot.generatedAt().getEpochSecond();
        List<AvailableModel> available = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (String alias : routes.keySet()) {
            available.add(new AvailableModel(alias, ROUTE_KIND, ROUTE_OWNER, created));
            listed.add(alias);
        }
        for (ModelInfo model : snapshot.models()) {
            if (isRoutable(model) && listed.add(model.name())) {
                ProviderInfo provider = providers.get(model.providerId());
                String owner = provider != null ? provider.name() : model.providerId();
                available.add(new AvailableModel(model.name(), MODEL_KIND, owner, created));
            }
        }
        available.sort(Comparator.comparing(AvailableModel::id));
        return List.copyOf(available);
    }

    /**
     * A tenant's or team's allowed model names and route aliases.
     *
     * @param scope {@code tenant} or {@code team}, for explanations
     */
    public record AllowList(String scope, Set<String> names) {

        public boolean allows(String name) {
            return names.contains(name);
        }
    }
}
