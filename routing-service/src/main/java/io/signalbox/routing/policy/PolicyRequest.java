package io.signalbox.routing.policy;

import java.util.List;

import io.signalbox.contracts.catalog.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * What a policy decides on.
 *
 * @param routeId identifies the route (or the implicit route of a model named directly); sticky
 *     policies mix it into their hash so that two routes split the same caller independently
 * @param candidates the route's targets that passed the filters, in the route's order; never empty
 * @param stickyKey the caller's identity for sticky splits, or null for none
 */
public record PolicyRequest(String routeId, List<RouteTarget> candidates, @Nullable String stickyKey) {

    public PolicyRequest {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("A policy needs at least one candidate");
        }
    }
}
