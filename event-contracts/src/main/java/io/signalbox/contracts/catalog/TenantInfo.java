package io.signalbox.contracts.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What routing needs of a tenant: its allow-lists, which it enforces as hard constraints on every request of
 * the tenant, and its price adjustments, which it applies to the price it puts on each target. Only tenants
 * with a restriction or an adjustment are in the catalog.
 *
 * @param allowedModels model names and route aliases the tenant's requests may use; empty: any
 * @param allowedRegions regions the tenant's requests may run in; empty: any
 * @param priceAdjustments the tenant's negotiated discounts and markups, past and future ones included; empty
 *     (and absent from catalogs of older registries): list prices
 */
public record TenantInfo(String id, String name, @Nullable List<String> allowedModels,
        @Nullable List<String> allowedRegions, @Nullable List<PriceAdjustment> priceAdjustments) {

    public TenantInfo {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        allowedRegions = allowedRegions == null ? List.of() : List.copyOf(allowedRegions);
        priceAdjustments = priceAdjustments == null ? List.of() : List.copyOf(priceAdjustments);
    }

    /** A tenant that pays list prices. */
    public TenantInfo(String id, String name, @Nullable List<String> allowedModels,
            @Nullable List<String> allowedRegions) {
        this(id, name, allowedModels, allowedRegions, List.of());
    }
}
