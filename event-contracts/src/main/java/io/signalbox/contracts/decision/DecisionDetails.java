package io.signalbox.contracts.decision;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Why a decision came out as it did ({@code POST /v1/decisions?explain=true}): every candidate the route
 * named, the filter that removed it and why, the scores it got, and the policy's reasoning.
 *
 * @param candidates every model and endpoint considered, in the order they were considered
 * @param classifierScore the complexity scorer's score (0..1, higher needs a stronger model), or null
 * @param signals what the decision read from the request: {@code sensitiveData}, {@code semanticCategory},
 *     {@code region}, {@code priority}, ...
 * @param reasoning the policy's own account of its choice
 */
public record DecisionDetails(List<Candidate> candidates, @Nullable Double classifierScore,
        Map<String, String> signals, List<String> reasoning) {

    public DecisionDetails {
        candidates = List.copyOf(candidates);
        signals = Map.copyOf(signals);
        reasoning = List.copyOf(reasoning);
    }

    /**
     * One model (endpoint null) or one endpoint of a model.
     *
     * @param outcome {@code picked}, {@code fallback} or {@code filtered}
     * @param filter the filter that removed it ({@code status}, {@code capability}, {@code context-window},
     *     {@code region}, {@code sensitive-data}, {@code policy}, {@code endpoint-state}, ...), null unless filtered
     * @param reason a sentence for humans, null when not filtered
     * @param scores each scorer's score by name (endpoint scorers, the policy's cost or latency estimate)
     */
    public record Candidate(String modelId, String modelName, @Nullable String endpointId, String outcome,
            @Nullable String filter, @Nullable String reason, Map<String, Double> scores) {

        public Candidate {
            scores = Map.copyOf(scores);
        }
    }
}
