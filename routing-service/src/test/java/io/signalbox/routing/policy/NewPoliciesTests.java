package io.signalbox.routing.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.routing.complexity.Prompt;
import io.signalbox.routing.embedding.BagOfWordsEmbedder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The policies beyond static and weighted: each decides from the route's parameters and the request's facts. */
class NewPoliciesTests {

    private static final RouteTarget MINI = new RouteTarget("mini", 1);

    private static final RouteTarget MID = new RouteTarget("mid", 1);

    private static final RouteTarget LARGE = new RouteTarget("large", 1);

    private static final List<RouteTarget> ALL = List.of(LARGE, MID, MINI);

    private static final Map<String, ModelInfo> MODELS = Map.of(
            "mini", model("mini", "economy"), "mid", model("mid", "standard"), "large", model("large", "premium"));

    private static final Map<String, PriceSnapshot> PRICES = Map.of(
            "mini", price("mini", "0.15", "0.60"), "mid", price("mid", "1.00", "4.00"),
            "large", price("large", "2.50", "10.00"));

    @Test
    void fallbackKeepsRouteOrderAndCutsTheChainAtMaxAttempts() {
        PolicyChoice all = new FallbackPolicy().choose(request(ALL, Map.of(), facts("hi")));
        PolicyChoice two = new FallbackPolicy().choose(request(ALL, Map.of("maxAttempts", 2), facts("hi")));

        assertThat(all.ordered()).containsExactly(LARGE, MID, MINI);
        assertThat(two.ordered()).containsExactly(LARGE, MID);
    }

    @Test
    void costAwarePicksTheCheapestThatMeetsTheTierAndSaysWhatItCosts() {
        PolicyChoice anyTier = new CostAwarePolicy().choose(request(ALL, Map.of(), facts("hi")));
        PolicyChoice standard = new CostAwarePolicy().choose(request(ALL, Map.of("minQualityTier", "standard"),
                facts("hi")));

        assertThat(anyTier.ordered()).containsExactly(MINI, MID, LARGE);
        // 1,000 prompt tokens at 0.15/M plus 200 output tokens at 0.60/M
        assertThat(anyTier.scores().get("mini")).containsEntry("estimatedCost", 0.00027);
        assertThat(standard.ordered()).containsExactly(MID, LARGE);
        assertThat(standard.rejected()).containsOnlyKeys("mini");
        assertThat(standard.rejected().get("mini")).contains("economy is below standard");
    }

    @Test
    void costAwareBoundsTheBlendedPriceAndPutsUnpricedModelsLast() {
        PolicyFacts facts = new PolicyFacts(MODELS, Map.of("large", PRICES.get("large"), "mid", PRICES.get("mid")),
                Map.of(), Map.of(), Prompt.ofUserText("hi"), 1000, 200);

        PolicyChoice bounded = new CostAwarePolicy().choose(request(ALL, Map.of("maxCostPerMillion", 2), facts));
        PolicyChoice unbounded = new CostAwarePolicy().choose(request(ALL, Map.of(), facts));

        // mid: (1000 * 1.00 + 200 * 4.00) / 1200 = 1.5 per million; large: 3.75
        assertThat(bounded.ordered()).containsExactly(MID);
        assertThat(bounded.rejected()).containsKeys("large", "mini");
        assertThat(unbounded.ordered()).containsExactly(MID, LARGE, MINI);
    }

    @Test
    void costAwareWithNothingLeftKeepsNothingAndSaysWhy() {
        PolicyChoice none = new CostAwarePolicy().choose(request(List.of(MINI), Map.of("minQualityTier", "premium"),
                facts("hi")));

        assertThat(none.ordered()).isEmpty();
        assertThat(none.rejected()).containsKey("mini");
    }

    @Test
    void latencyAwareIgnoresNoiseWithinTheBandButFollowsARealDifference() {
        PolicyFacts close = new PolicyFacts(MODELS, PRICES, Map.of("large", 210.0, "mid", 200.0, "mini", 400.0),
                Map.of(), Prompt.ofUserText("hi"), 10, 10);
        PolicyFacts apart = new PolicyFacts(MODELS, PRICES, Map.of("large", 300.0, "mid", 200.0, "mini", 400.0),
                Map.of(), Prompt.ofUserText("hi"), 10, 10);

        assertThat(new LatencyAwarePolicy().choose(request(ALL, Map.of(), close)).ordered())
                .as("210 ms is within 25 ms of 200 ms: route order stands").containsExactly(LARGE, MID, MINI);
        assertThat(new LatencyAwarePolicy().choose(request(ALL, Map.of(), apart)).ordered())
                .containsExactly(MID, LARGE, MINI);
    }

    @Test
    void latencyAwareDropsCandidatesOverItsBoundsUnlessAllAreOver() {
        PolicyFacts facts = new PolicyFacts(MODELS, PRICES, Map.of("large", 900.0, "mid", 200.0),
                Map.of("mini", 40.0), Prompt.ofUserText("hi"), 10, 10);

        PolicyChoice bounded = new LatencyAwarePolicy().choose(request(ALL,
                Map.of("maxTimeToFirstTokenMs", 500, "maxQueueDepth", 10), facts));
        PolicyChoice allOver = new LatencyAwarePolicy().choose(request(List.of(LARGE), Map.of("maxTimeToFirstTokenMs", 500),
                facts));

        assertThat(bounded.ordered()).containsExactly(MID);
        assertThat(bounded.rejected()).containsOnlyKeys("large", "mini");
        assertThat(allOver.ordered()).containsExactly(LARGE);
    }

    @Test
    void tieredServesTheDefaultTierAndFallsBackToStrongerTiersFirst() {
        Map<String, Object> tiers = Map.of("tiers", Map.of("economy", List.of("mini"), "standard", List.of("mid"),
                "premium", List.of("large")), "defaultTier", "standard");

        PolicyChoice choice = new TieredPolicy().choose(request(ALL, tiers, facts("hi")));
        PolicyChoice withoutMid = new TieredPolicy().choose(request(List.of(LARGE, MINI), tiers, facts("hi")));

        assertThat(choice.ordered()).containsExactly(MID, LARGE, MINI);
        assertThat(withoutMid.ordered()).as("standard removed by a filter: premium serves").containsExactly(LARGE, MINI);
    }

    @Test
    void complexitySendsHardPromptsToTheStrongTierAndEasyOnesToTheWeak() {
        Map<String, Object> parameters = Map.of("tiers", Map.of("economy", List.of("mini"), "premium", List.of("large")),
                "thresholds", Map.of("premium", 0.3));
        ComplexityPolicy policy = new ComplexityPolicy(() -> new BagOfWordsEmbedder(8));

        PolicyChoice easy = policy.choose(request(ALL, parameters, facts("hi there")));
        PolicyChoice hard = policy.choose(request(ALL, parameters, facts("""
                Prove step by step that the sum of the first n odd numbers is n^2, then write a Python function
                that checks it for n up to 10^6 and analyse its time complexity. Explain each step and compare
                two alternative proofs, by induction and by a geometric argument.""")));

        assertThat(easy.ordered().getFirst()).isEqualTo(MINI);
        assertThat(easy.classifierScore()).isLessThan(0.3);
        assertThat(hard.ordered().getFirst()).isEqualTo(LARGE);
        assertThat(hard.classifierScore()).isGreaterThanOrEqualTo(0.3);
        assertThat(hard.reasoning().getFirst()).contains("reaches the premium threshold");
    }

    @Test
    void aHeadThatCannotBeReadFallsBackToTheFeatureScorerInsteadOfFailingRequests() {
        Map<String, Object> parameters = Map.of("tiers", Map.of("economy", List.of("mini"), "premium", List.of("large")),
                "thresholds", Map.of("premium", 0.3), "scorer", "embedding",
                "head", Map.of("format", "signalbox.complexity-head/v1"));
        ComplexityPolicy policy = new ComplexityPolicy(() -> new BagOfWordsEmbedder(8));

        PolicyChoice easy = policy.choose(request(ALL, parameters, facts("hi there")));

        assertThat(easy.ordered().getFirst()).isEqualTo(MINI);
        assertThat(easy.reasoning().getFirst()).startsWith("features score");
    }

    @Test
    void semanticSendsAPromptToTheModelsOfItsNearestCategory() {
        Map<String, Object> parameters = Map.of("threshold", 0.3, "categories", List.of(
                Map.of("name", "code", "examples", List.of("fix this java stack trace exception",
                        "python function returns wrong value"), "modelIds", List.of("large")),
                Map.of("name", "chat", "examples", List.of("tell me a joke about cats"), "modelIds", List.of("mini"))));
        SemanticPolicy policy = new SemanticPolicy(() -> new BagOfWordsEmbedder(256));

        PolicyChoice code = policy.choose(request(List.of(MINI, LARGE), parameters,
                facts("my java code throws an exception with this stack trace")));
        PolicyChoice nothing = policy.choose(request(List.of(MINI, LARGE), parameters, facts("zebra quantum lamp")));

        assertThat(code.ordered()).containsExactly(LARGE, MINI);
        assertThat(code.reasoning().getFirst()).contains("'code'");
        assertThat(nothing.ordered()).as("no example close enough: route order").containsExactly(MINI, LARGE);
    }

    private static PolicyRequest request(List<RouteTarget> candidates, Map<String, Object> parameters,
            CandidateFacts facts) {
        return new PolicyRequest("route-1", candidates, null, Map.copyOf(parameters), facts);
    }

    private static PolicyFacts facts(String prompt) {
        return new PolicyFacts(MODELS, PRICES, Map.of(), Map.of(), Prompt.ofUserText(prompt), 1000, 200);
    }

    private static ModelInfo model(String id, String tier) {
        return new ModelInfo(id, "provider", id, id, 128_000, Set.of("chat"), "active", List.of(), null, null, tier,
                null, null);
    }

    private static PriceSnapshot price(String modelId, String input, String output) {
        return new PriceSnapshot("price-" + modelId, modelId, "USD", new BigDecimal(input), new BigDecimal(output),
                new BigDecimal(input), Instant.parse("2025-01-01T00:00:00Z"));
    }
}
