package io.signalbox.routing.policy;

import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * What a policy decides on.
 *
 * @param routeId identifies the route (or the implicit route of a model named directly); sticky
 *     policies mix it into their hash so that two routes split the same caller independently
 * @param candidates the route's targets that passed the hard constraints, in the route's order; never empty
 * @param stickyKey the caller's identity for sticky splits, or null for none
 * @param parameters the route's policy parameters as the registry validated them; empty when none
 * @param facts what the policy may look up about the request and the candidates
 */
public record PolicyRequest(String routeId, List<RouteTarget> candidates, @Nullable String stickyKey,
        Map<String, @Nullable Object> parameters, CandidateFacts facts) {

    public PolicyRequest {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("A policy needs at least one candidate");
        }
    }

    /** A request for policies that read nothing but the candidates (static, weighted). */
    public PolicyRequest(String routeId, List<RouteTarget> candidates, @Nullable String stickyKey) {
        this(routeId, candidates, stickyKey, Map.of(), CandidateFacts.NONE);
    }
}
