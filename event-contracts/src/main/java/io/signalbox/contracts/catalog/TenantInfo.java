package io.signalbox.contracts.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's allow-lists, which routing enforces as hard constraints on every request of the tenant. Only
 * restricted tenants are in the catalog.
 *
 * @param allowedModels model names and route aliases the tenant's requests may use; empty: any
 * @param allowedRegions regions the tenant's requests may run in; empty: any
 */
public record TenantInfo(String id, String name, @Nullable List<String> allowedModels,
        @Nullable List<String> allowedRegions) {

    public TenantInfo {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        allowedRegions = allowedRegions == null ? List.of() : List.copyOf(allowedRegions);
    }
}
