package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.budget.BudgetExceededException;
import io.signalbox.routing.budget.BudgetStates;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.routing.policy.TieredPolicy;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.budget.Budgets.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Budget state is a hard constraint: a hard limit refuses before any policy runs, a soft one steps down a tier. */
class BudgetDecisionTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    /** Premium (gpt-4o-mini) by default, economy (llama) below it. */
    private static final RouteInfo PREMIUM_FIRST = new RouteInfo("route-premium", "premium-first", "tiered",
            List.of(new RouteTarget(SampleCatalog.LLAMA.id(), 1), new RouteTarget(SampleCatalog.GPT.id(), 1)), 1,
            Map.of("tiers", Map.of("economy", List.of(SampleCatalog.LLAMA.id()), "premium",
                    List.of(SampleCatalog.GPT.id())), "defaultTier", "premium"));

    private final BudgetStates budgets = new BudgetStates();

    private final SplittableRandom seeded = new SplittableRandom(3L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(),
            new PolicyRegistry(List.of(new StaticPolicy(), new TieredPolicy())), Clock.fixed(NOW, ZoneOffset.UTC),
            () -> seeded, null, null, budgets);

    private final Catalog catalog = Catalog.of(SampleCatalog.withRoutes(4, PREMIUM_FIRST));

    @Test
    void withinBudgetThePolicyDecidesAlone() {
        budgets.apply(status("team", "team-1", BudgetStatus.OK, NOW));

        assertThat(engine.decide(catalog, request("premium-first"), false).targets().getFirst().modelName())
                .isEqualTo("gpt-4o-mini");
    }

    @Test
    void aHardLimitRefusesWithTheScopeTheSpendAndWhenItEnds() {
        budgets.apply(status("team", "team-1", BudgetStatus.HARD, NOW));

        assertThatExceptionOfType(BudgetExceededException.class)
                .isThrownBy(() -> engine.decide(catalog, request("premium-first"), false))
                .withMessageContaining("team budget for 2026-11 is exhausted")
                .withMessageContaining("95.50 USD spent of a hard limit of 100 USD")
                .withMessageContaining("2026-12-01T00:00:00Z");
        assertThatExceptionOfType(BudgetExceededException.class)
                .as("a static route is refused too: a hard limit is not a policy matter")
                .isThrownBy(() -> engine.decide(catalog, request("smart"), false));
    }

    @Test
    void aHardLimitOnATagOfTheRequestRefusesItAndNamesTheTag() {
        budgets.apply(status("tag", "project=checkout", BudgetStatus.HARD, NOW));

        assertThatExceptionOfType(BudgetExceededException.class)
                .isThrownBy(() -> engine.decide(catalog, request("premium-first", Map.of("project", "checkout")),
                        false))
                .withMessageContaining("tag project=checkout budget for 2026-11 is exhausted");
        assertThat(engine.decide(catalog, request("premium-first", Map.of("project", "search")), false).targets())
                .as("another project is not limited").isNotEmpty();
    }

    @Test
    void aSoftLimitStepsDownToTheCheaperTierAndKeepsTheStrongerModelAsFallback() {
        budgets.apply(status("tenant", "tenant-1", BudgetStatus.SOFT, NOW));

        DecisionResponse decision = engine.decide(catalog, request("premium-first"), true);

        assertThat(decision.targets()).extracting(DecisionTarget::modelName).first().isEqualTo("llama-3.1-8b");
        assertThat(decision.targets()).extracting(DecisionTarget::modelName).last().isEqualTo("gpt-4o-mini");
        assertThat(decision.details().reasoning()).anySatisfy(line -> assertThat(line)
                .contains("tenant budget's soft limit is reached (95.50 of 80 USD in 2026-11)")
                .contains("stepped down from premium to economy"));
    }

    @Test
    void aSoftLimitLeavesARouteWithNoCheaperTierAsItIsAndSaysSo() {
        budgets.apply(status("key", "key-1", BudgetStatus.SOFT, NOW));

        DecisionResponse decision = engine.decide(catalog, request("smart"), true);

        assertThat(decision.targets().getFirst().modelName()).isEqualTo("gpt-4o-mini");
        assertThat(decision.details().reasoning()).anySatisfy(line -> assertThat(line)
                .contains("no candidate is in a cheaper tier"));
    }

    private static DecisionRequest request(String model) {
        return request(model, Map.of());
    }

    private static DecisionRequest request(String model, Map<String, String> tags) {
        return new DecisionRequest("req-1", "tenant-1", "team-1", "key-1", model, "chat.completions", false, 10, null,
                Set.of(), null, tags, null, null, null);
    }
}
