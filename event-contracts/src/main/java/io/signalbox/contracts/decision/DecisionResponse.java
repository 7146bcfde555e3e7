package io.signalbox.contracts.decision;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * routing-service's answer: the targets to try in order (the first is the pick, the rest are the
 * fallback chain), which policy decided, and a one-line explanation for humans.
 *
 * @param details the full explanation, only when the caller asked for it ({@code ?explain=true})
 * @param shadow where to mirror this request (shadow traffic): its answer is recorded and never returned; null
 *     when the route mirrors nothing or this request was not sampled
 */
public record DecisionResponse(
        String decisionId,
        String requestedModel,
        @Nullable String routeAlias,
        String policy,
        List<DecisionTarget> targets,
        String explanation,
        long catalogVersion,
        @Nullable DecisionDetails details,
        @Nullable DecisionTarget shadow) {

    public DecisionResponse {
        targets = List.copyOf(targets);
    }

    /** An answer that mirrors nothing. */
    public DecisionResponse(String decisionId, String requestedModel, @Nullable String routeAlias, String policy,
            List<DecisionTarget> targets, String explanation, long catalogVersion, @Nullable DecisionDetails details) {
        this(decisionId, requestedModel, routeAlias, policy, targets, explanation, catalogVersion, details, null);
    }

    /** An answer without details (the walking skeleton's shape). */
    public DecisionResponse(String decisionId, String requestedModel, @Nullable String routeAlias, String policy,
            List<DecisionTarget> targets, String explanation, long catalogVersion) {
        this(decisionId, requestedModel, routeAlias, policy, targets, explanation, catalogVersion, null, null);
    }
}
