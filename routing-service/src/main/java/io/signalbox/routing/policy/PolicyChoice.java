package io.signalbox.routing.policy;

import java.util.List;

import io.signalbox.contracts.catalog.RouteTarget;

/**
 * A policy's answer.
 *
 * @param ordered every candidate, the pick first
 * @param summary how the policy decided, for the decision's explanation, e.g. {@code weighted 80/20, sticky}
 */
public record PolicyChoice(List<RouteTarget> ordered, String summary) {

    public PolicyChoice {
        ordered = List.copyOf(ordered);
    }

    public RouteTarget pick() {
        return ordered.getFirst();
    }
}
