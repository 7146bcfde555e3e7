package io.signalbox.telemetry.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import org.jspecify.annotations.Nullable;

/** One registry catalog, indexed for the lookups {@link ModelDirectory} answers. Immutable. */
final class CatalogIndex implements ModelDirectory {

    /** The tier names a route's tier map may use, weakest first (as routing-service reads them). */
    static final List<String> TIERS = List.of("economy", "standard", "premium");

    private final long version;

    private final Map<String, ModelInfo> models = new HashMap<>();

    /** Route alias to (model id to the tier the route's tier map lists it under). */
    private final Map<String, Map<String, String>> routeTiers = new HashMap<>();

    CatalogIndex(CatalogSnapshot snapshot) {
        this.version = snapshot.version();
        for (ModelInfo model : snapshot.models()) {
            models.put(model.id(), model);
        }
        for (RouteInfo route : snapshot.routes()) {
            if (route.parameters() != null && route.parameters().get("tiers") instanceof Map<?, ?> tiers) {
                Map<String, String> tierOfModel = new HashMap<>();
                for (String tier : TIERS) {
                    if (tiers.get(tier) instanceof List<?> ids) {
                        for (Object id : ids) {
                            if (id instanceof String modelId) {
                                tierOfModel.putIfAbsent(modelId, tier);
                            }
                        }
                    }
                }
                if (!tierOfModel.isEmpty()) {
                    routeTiers.put(route.alias(), tierOfModel);
                }
            }
        }
    }

    long version() {
        return version;
    }

    @Override
    public @Nullable String providerOf(String modelId) {
        ModelInfo model = models.get(modelId);
        return model == null ? null : model.providerId();
    }

    @Override
    public @Nullable String nameOf(String modelId) {
        ModelInfo model = models.get(modelId);
        return model == null ? null : model.name();
    }

    @Override
    public @Nullable String tierOf(@Nullable String routeAlias, String modelId) {
        if (routeAlias != null) {
            Map<String, String> tiers = routeTiers.get(routeAlias);
            String tier = tiers == null ? null : tiers.get(modelId);
            if (tier != null) {
                return tier;
            }
        }
        ModelInfo model = models.get(modelId);
        return model == null || model.qualityTier() == null || !TIERS.contains(model.qualityTier()) ? null
                : model.qualityTier();
    }
}
