package io.signalbox.routing.policy;

import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * A policy's answer.
 *
 * @param ordered the candidates it keeps, the pick first, then the fallback chain; empty when it kept none
 * @param summary how the policy decided, for the decision's one-line explanation, e.g. {@code weighted 80/20, sticky}
 * @param rejected candidates the policy removed (model id to the reason), e.g. below the route's quality tier
 * @param scores what the policy measured per candidate (model id to score name to value), for explanations
 * @param classifierScore the complexity score the policy used, if any
 * @param reasoning the policy's account of its choice, a sentence per step
 */
public record PolicyChoice(List<RouteTarget> ordered, String summary, Map<String, String> rejected,
        Map<String, Map<String, Double>> scores, @Nullable Double classifierScore, List<String> reasoning) {

    public PolicyChoice {
        ordered = List.copyOf(ordered);
        rejected = Map.copyOf(rejected);
        scores = Map.copyOf(scores);
        reasoning = List.copyOf(reasoning);
    }

    public PolicyChoice(List<RouteTarget> ordered, String summary) {
        this(ordered, summary, Map.of(), Map.of(), null, List.of());
    }

    public RouteTarget pick() {
        return ordered.getFirst();
    }
}
