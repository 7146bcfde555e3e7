package io.signalbox.routing.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.routing.complexity.ComplexityScorer;
import io.signalbox.routing.complexity.EmbeddingComplexityScorer;
import io.signalbox.routing.complexity.FeatureComplexityScorer;
import io.signalbox.routing.complexity.HeadFile;
import io.signalbox.routing.embedding.SentenceEmbedder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the quality tier per request from how much the prompt needs a strong model. A scorer rates the
 * prompt from 0 to 1; {@code thresholds} map tiers to the lowest score that earns them (e.g.
 * {@code {"standard": 0.35, "premium": 0.7}}); a score under every threshold gets {@code defaultTier}
 * (else the weakest tier listed). The tier's models lead, the other tiers follow as with {@code tiered}.
 *
 * <p>{@code scorer} is {@code features} (default: the fast feature-based scorer, no model needed) or
 * {@code embedding}, which needs {@code head}: a head trained by the offline {@code train} command (the
 * JSON object it writes). A head's own calibrated {@code threshold} is used for the strongest tier when
 * {@code thresholds} is absent; a head that cannot be read falls back to the feature scorer (logged). Scorers
 * are built once per route version, not per request.
 */
public final class ComplexityPolicy implements Policy {

    public static final String TYPE = "complexity";

    private static final Logger log = LoggerFactory.getLogger(ComplexityPolicy.class);

    private final ComplexityScorer features = new FeatureComplexityScorer();

    private final Supplier<SentenceEmbedder> embedder;

    private final PerRoute<Built> built = new PerRoute<>(this::build);

    /** @param embedder the sentence embedder for learned heads, asked for only when a route uses one */
    public ComplexityPolicy(Supplier<SentenceEmbedder> embedder) {
        this.embedder = embedder;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        Map<String, @Nullable Object> parameters = request.parameters();
        Built scoring = built.get(request.routeId(), parameters);
        double score = scoring.scorer().score(request.facts().prompt());
        Map<String, List<String>> tiers = TierChoice.tiers(parameters);
        Map<String, @Nullable Object> raw = RouteParameters.object(parameters, "thresholds");
        List<Map.Entry<String, Double>> thresholds = new ArrayList<>();
        for (String tier : tiers.keySet()) {
            if (raw.get(tier) instanceof Number number) {
                thresholds.add(Map.entry(tier, number.doubleValue()));
            }
        }
        if (thresholds.isEmpty() && scoring.headThreshold() != null && !tiers.isEmpty()) {
            thresholds.add(Map.entry(new ArrayList<>(tiers.keySet()).getLast(), scoring.headThreshold()));
        }
        thresholds.sort(Map.Entry.comparingByValue(Comparator.reverseOrder()));
        String chosen = null;
        String reason = null;
        for (Map.Entry<String, Double> threshold : thresholds) {
            if (score >= threshold.getValue()) {
                chosen = threshold.getKey();
                reason = scoring.scorer().type() + " score " + round(score) + " reaches the " + chosen + " threshold "
                        + threshold.getValue();
                break;
            }
        }
        if (chosen == null || reason == null) {
            chosen = RouteParameters.string(parameters, "defaultTier");
            if (chosen == null) {
                chosen = tiers.isEmpty() ? "standard" : tiers.keySet().iterator().next();
            }
            reason = scoring.scorer().type() + " score " + round(score) + " is under every threshold: " + chosen;
        }
        TierChoice.Ordered ordered = TierChoice.order(request.candidates(), tiers, chosen);
        List<String> reasoning = new ArrayList<>(List.of(reason));
        if (ordered.leadingTier() != null && !ordered.leadingTier().equals(chosen)) {
            reasoning.add("tier " + chosen + " has no model that can serve; " + ordered.leadingTier() + " instead");
        }
        return new PolicyChoice(ordered.targets(), "complexity " + round(score) + " -> " + chosen, Map.of(), Map.of(),
                score, reasoning);
    }

    private Built build(Map<String, @Nullable Object> parameters) {
        String type = RouteParameters.string(parameters, "scorer");
        Map<String, @Nullable Object> head = RouteParameters.object(parameters, "head");
        if (EmbeddingComplexityScorer.TYPE.equals(type) && !head.isEmpty()) {
            try {
                HeadFile file = HeadFile.fromJson(ContractJson.toJson(head));
                return new Built(new EmbeddingComplexityScorer(embedder.get(), file.head()), file.threshold());
            }
            catch (IllegalArgumentException unusable) {
                // The registry checks the head's format, not its contents; a broken head must not fail every request.
                log.warn("The route's complexity head cannot be used ({}); scoring with the feature scorer",
                        unusable.getMessage());
            }
        }
        return new Built(features, null);
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private record Built(ComplexityScorer scorer, @Nullable Double headThreshold) {
    }
}
