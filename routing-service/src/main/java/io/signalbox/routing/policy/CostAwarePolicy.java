package io.signalbox.routing.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * The cheapest candidate for this request that meets the route's quality bar. Each candidate's cost is
 * estimated exactly (decimal arithmetic) from its price in effect and the request's tokens: the prompt
 * estimate at the input price plus {@code max_tokens} (else a typical answer length) at the output price.
 *
 * <p>Parameters: {@code minQualityTier} removes models below that tier (a model without a tier does not
 * meet any bar); {@code maxCostPerMillion} removes models whose blended price for this request (cost per
 * million tokens of prompt and answer together) is above it. The rest are ordered cheapest first; models
 * without a price follow the priced ones (their cost is unknown, so they are never "cheapest"), in route order.
 */
public final class CostAwarePolicy implements Policy {

    public static final String TYPE = "cost-aware";

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        CandidateFacts facts = request.facts();
        String minTier = RouteParameters.string(request.parameters(), "minQualityTier");
        BigDecimal maxPerMillion = RouteParameters.decimal(request.parameters(), "maxCostPerMillion");
        int promptTokens = Math.max(0, facts.promptTokens());
        int outputTokens = Math.max(0, facts.expectedOutputTokens());

        List<Priced> kept = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        Map<String, Map<String, Double>> scores = new HashMap<>();
        for (int i = 0; i < request.candidates().size(); i++) {
            RouteTarget candidate = request.candidates().get(i);
            ModelInfo model = facts.model(candidate.modelId()).orElse(null);
            String tier = model == null ? null : model.qualityTier();
            if (minTier != null && RouteParameters.tierRank(tier) < RouteParameters.tierRank(minTier)) {
                rejected.put(candidate.modelId(), "quality tier " + (tier == null ? "unset" : tier) + " is below "
                        + minTier);
                continue;
            }
            PriceSnapshot price = facts.price(candidate.modelId());
            BigDecimal cost = price == null ? null : cost(price, promptTokens, outputTokens);
            BigDecimal blended = cost == null || promptTokens + outputTokens == 0 ? null
                    : cost.multiply(MILLION).divide(BigDecimal.valueOf((long) promptTokens + outputTokens), 6,
                            RoundingMode.HALF_EVEN);
            if (maxPerMillion != null && (blended == null || blended.compareTo(maxPerMillion) > 0)) {
                rejected.put(candidate.modelId(), blended == null ? "no price, so its cost cannot be bounded"
                        : "costs " + blended.toPlainString() + " per million tokens for this request, above "
                                + maxPerMillion.toPlainString());
                continue;
            }
            if (cost != null) {
                scores.put(candidate.modelId(), RouteParameters.scores("estimatedCost", cost,
                        "costPerMillion", blended));
            }
            kept.add(new Priced(candidate, cost, i));
        }
        if (kept.isEmpty()) {
            return new PolicyChoice(List.of(), TYPE, rejected, scores, null,
                    List.of("no candidate meets the route's quality and cost bounds"));
        }
        kept.sort(Comparator.comparing(Priced::cost, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(Priced::routeIndex));
        Priced cheapest = kept.getFirst();
        String reason = cheapest.cost() == null ? "no candidate has a price; route order"
                : "cheapest for " + promptTokens + " prompt + " + outputTokens + " output tokens: "
                        + cheapest.cost().toPlainString() + (minTier != null ? ", tier " + minTier + " or better" : "");
        return new PolicyChoice(kept.stream().map(Priced::target).toList(), "cost-aware, " + reason, rejected, scores,
                null, List.of(reason));
    }

    /** The request's cost at a price, in the price's currency. */
    static BigDecimal cost(PriceSnapshot price, int promptTokens, int outputTokens) {
        return price.inputPerMillion().multiply(BigDecimal.valueOf(promptTokens))
                .add(price.outputPerMillion().multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION, 12, RoundingMode.HALF_EVEN);
    }

    private record Priced(RouteTarget target, @Nullable BigDecimal cost, int routeIndex) {
    }
}
