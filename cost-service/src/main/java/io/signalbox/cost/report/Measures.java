package io.signalbox.cost.report;

import java.math.BigDecimal;

import io.signalbox.contracts.catalog.PriceSnapshot;

/**
 * The additive figures of a group: requests, tokens by kind (unreported counts add nothing), how many
 * requests had estimated token counts or no price, and the exact cost.
 */
public record Measures(
        long requests,
        long promptTokens,
        long completionTokens,
        long cachedPromptTokens,
        long reasoningTokens,
        long estimatedRequests,
        long unpricedRequests,
        BigDecimal cost) {

    public static final Measures ZERO = new Measures(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO.setScale(PriceSnapshot.COST_SCALE));

    /** Costs always carry the six decimals of {@link PriceSnapshot#COST_SCALE}. */
    public Measures {
        cost = cost.setScale(PriceSnapshot.COST_SCALE);
    }

    public Measures plus(Measures other) {
        return new Measures(requests + other.requests, promptTokens + other.promptTokens,
                completionTokens + other.completionTokens, cachedPromptTokens + other.cachedPromptTokens,
                reasoningTokens + other.reasoningTokens, estimatedRequests + other.estimatedRequests,
                unpricedRequests + other.unpricedRequests, cost.add(other.cost));
    }
}
