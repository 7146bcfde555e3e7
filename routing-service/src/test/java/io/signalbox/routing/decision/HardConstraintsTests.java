package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionDetails;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.policy.CostAwarePolicy;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.routing.policy.WeightedPolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Hard constraints run before any policy, and an explained decision says which filter removed what. */
class HardConstraintsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static final RouteInfo PRIVATE_WHEN_SENSITIVE = new RouteInfo("route-careful", "careful", "cost-aware",
            List.of(new RouteTarget(SampleCatalog.LLAMA.id(), 1), new RouteTarget(SampleCatalog.GPT.id(), 1)), 1,
            Map.of("constraints", Map.of("onSensitiveData", "private")));

    private final SplittableRandom seeded = new SplittableRandom(5L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(), new PolicyRegistry(List.of(
            new StaticPolicy(), new WeightedPolicy(() -> seeded), new CostAwarePolicy())), CLOCK, () -> seeded);

    private final Catalog catalog = Catalog.of(SampleCatalog.withRoutes(3, PRIVATE_WHEN_SENSITIVE));

    @Test
    void aRequestThatNeedsVisionOnlyGoesToModelsThatSee() {
        DecisionResponse decision = engine.decide(catalog, request("auto", Set.of("vision"), 10, null, null, null), true);

        assertThat(decision.targets()).extracting(DecisionTarget::modelName).containsOnly("gpt-4o-mini");
        assertThat(decision.details()).isNotNull();
        assertThat(decision.details().candidates()).filteredOn(c -> "filtered".equals(c.outcome()))
                .singleElement().satisfies(c -> {
                    assertThat(c.modelName()).isEqualTo("llama-3.1-8b");
                    assertThat(c.filter()).isEqualTo("capability");
                    assertThat(c.reason()).isEqualTo("lacks vision");
                });
        assertThat(decision.details().candidates().getFirst().outcome()).isEqualTo("picked");
    }

    @Test
    void aPromptLargerThanEveryContextWindowIsRefusedWithTheNumbers() {
        assertThatExceptionOfType(ConstraintsUnsatisfiedException.class)
                .isThrownBy(() -> engine.decide(catalog, request("auto", Set.of(), 130_000, 4_000, null, null)))
                .withMessageContaining("needs about 134000 tokens, the context window is 131072")
                .withMessageContaining("the context window is 128000");
    }

    @Test
    void aRegionTheRouteCannotServeIsRefused() {
        assertThatExceptionOfType(ConstraintsUnsatisfiedException.class)
                .isThrownBy(() -> engine.decide(catalog, request("auto", Set.of(), 10, null, "us-east", null)))
                .withMessageContaining("runs in eu-west; the request may run in us-east");
        assertThat(engine.decide(catalog, request("auto", Set.of(), 10, null, "eu-west", null)).targets())
                .extracting(DecisionTarget::modelName).containsOnly("llama-3.1-8b");
    }

    @Test
    void sensitiveDataIsKeptOffNonPrivateEndpointsWhenTheRouteSaysSo() {
        DecisionResponse harmless = engine.decide(catalog, request("careful", Set.of(), 10, null, null,
                "What is the capital of France?"), true);

        assertThat(harmless.targets()).isNotEmpty();
        assertThat(harmless.details().signals()).containsEntry("sensitiveData", "false");
        assertThatExceptionOfType(ConstraintsUnsatisfiedException.class)
                .isThrownBy(() -> engine.decide(catalog, request("careful", Set.of(), 10, null, null,
                        "My card is 4111 1111 1111 1111, please check my balance")))
                .withMessageContaining("sensitive data");
    }

    @Test
    void theCostPolicyPicksTheCheaperModelAndExplainsTheEstimate() {
        DecisionResponse decision = engine.decide(catalog, request("careful", Set.of(), 1000, 100, null, "hello"), true);

        assertThat(decision.targets().getFirst().modelName()).isEqualTo("llama-3.1-8b");
        assertThat(decision.details().reasoning().getFirst()).startsWith("cheapest for 1000 prompt + 100 output tokens");
        DecisionDetails.Candidate picked = decision.details().candidates().getFirst();
        assertThat(picked.scores()).containsKey("estimatedCost");
    }

    private static DecisionRequest request(String model, Set<String> capabilities, int promptTokens,
            @Nullable Integer maxTokens, @Nullable String region, @Nullable String prompt) {
        return new DecisionRequest("req-1", "tenant-1", "team-1", "key-1", model, "chat.completions", false,
                promptTokens, maxTokens, capabilities, region, Map.of(), null,
                prompt == null ? null : List.of(new DecisionRequest.PromptMessage("user", prompt)), null);
    }
}
