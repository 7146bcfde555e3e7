package io.signalbox.contracts.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A team's allow-list, which routing enforces as a hard constraint on every request of the team's keys. Only
 * restricted teams are in the catalog.
 *
 * @param allowedModels model names and route aliases the team's requests may use; empty: any
 */
public record TeamInfo(String id, String tenantId, String name, @Nullable List<String> allowedModels) {

    public TeamInfo {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }
}
