package io.signalbox.routing.decision;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.routing.policy.WeightedPolicy;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.SampleCatalog.GPT;
import static io.signalbox.routing.SampleCatalog.LLAMA;
import static io.signalbox.routing.SampleCatalog.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

/** Every target of a decision carries the price the request's tenant pays, which the gateway charges as is. */
class TenantPricedDecisionTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static final TenantInfo BANK = new TenantInfo("tenant-bank", "bank", List.of(), List.of(), List.of(
            new PriceAdjustment("rule-local", LOCAL.id(), null, new BigDecimal("-12.5"),
                    Instant.parse("2025-01-01T00:00:00Z"), null)));

    private final SplittableRandom seeded = new SplittableRandom(3L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(), new PolicyRegistry(List.of(
            new StaticPolicy(), new WeightedPolicy(() -> seeded))), CLOCK, () -> seeded);

    private final Catalog catalog = catalog();

    @Test
    void targetsOfTheNegotiatedProviderCarryTheAdjustedPriceAndOthersTheListPrice() {
        DecisionResponse decision = engine.decide(catalog, request("auto", BANK.id()));

        assertThat(decision.targets()).extracting(DecisionTarget::modelId).contains(LLAMA.id(), GPT.id());
        assertThat(decision.targets()).filteredOn(target -> target.modelId().equals(LLAMA.id())).isNotEmpty()
                .allSatisfy(target -> {
                    assertThat(target.price()).isNotNull();
                    assertThat(target.price().adjustmentRuleId()).isEqualTo("rule-local");
                    assertThat(target.price().adjustmentPercent()).isEqualByComparingTo("-12.5");
                    assertThat(target.price().listPrice()).isEqualTo(SampleCatalog.LLAMA_CUT_PRICE);
                });
        assertThat(decision.targets()).filteredOn(target -> target.modelId().equals(GPT.id())).singleElement()
                .extracting(DecisionTarget::price).isEqualTo(SampleCatalog.GPT_PRICE);
    }

    @Test
    void anotherTenantsRequestPaysTheListPrice() {
        DecisionResponse decision = engine.decide(catalog, request("auto", "tenant-retail"));

        assertThat(decision.targets()).extracting(target -> target.price().adjustmentPercent()).containsOnlyNulls();
    }

    @Test
    void aShadowCopyIsPricedForTheTenantToo() {
        RouteInfo mirrored = new RouteInfo("route-mirrored", "mirrored", "static", List.of(new RouteTarget(GPT.id(), 1)),
                1, Map.of("mirror", Map.of("modelId", LLAMA.id(), "percent", 100.0)));
        CatalogSnapshot base = SampleCatalog.withRoutes(2, mirrored);
        Catalog withMirror = Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(),
                base.models(), base.pools(), base.routes(), List.of(BANK), List.of()));

        DecisionResponse decision = engine.decide(withMirror, request("mirrored", BANK.id()));

        assertThat(decision.shadow()).isNotNull();
        assertThat(decision.shadow().price().adjustmentRuleId()).isEqualTo("rule-local");
    }

    private static Catalog catalog() {
        CatalogSnapshot base = SampleCatalog.snapshot(9);
        return Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(), base.models(),
                base.pools(), base.routes(), List.of(BANK), List.of()));
    }

    private static DecisionRequest request(String model, String tenantId) {
        return new DecisionRequest("req-1", tenantId, "team-1", "key-1", model, "chat.completions", false, 10, null,
                Set.of(), null, Map.of(), null);
    }
}
