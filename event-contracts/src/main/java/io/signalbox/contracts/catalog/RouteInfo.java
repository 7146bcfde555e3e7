package io.signalbox.contracts.catalog;

import java.util.List;

/**
 * A route: the alias a client sends as {@code model}, the policy type that decides it
 * ({@code static}, {@code weighted}, ...) and the policy's targets.
 */
public record RouteInfo(String id, String alias, String policyType, List<RouteTarget> targets, long version) {

    public RouteInfo {
        targets = List.copyOf(targets);
    }
}
