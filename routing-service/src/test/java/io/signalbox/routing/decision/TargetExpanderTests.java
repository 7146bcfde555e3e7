package io.signalbox.routing.decision;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.ProviderResilience;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.decision.TargetExpander.Expansion;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.SampleCatalog.GPT;
import static io.signalbox.routing.SampleCatalog.LLAMA;
import static io.signalbox.routing.SampleCatalog.LOCAL;
import static io.signalbox.routing.SampleCatalog.OPENAI;
import static io.signalbox.routing.SampleCatalog.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetExpanderTests {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final RandomGenerator seeded = new SplittableRandom(7L);

    private final TargetExpander expander = new TargetExpander(() -> seeded, null);

    private final Catalog sample = Catalog.of(SampleCatalog.snapshot(1));

    @Test
    void listsEveryActiveEndpointOfEveryPoolServingTheModel() {
        PoolInfo second = new PoolInfo("pool-llama-us", "llama-us", LLAMA.id(), "us-east", List.of(
                endpoint("ep-us-1", "pool-llama-us", "active", 1),
                endpoint("ep-us-2", "pool-llama-us", "disabled", 1)));
        Catalog catalog = catalog(List.of(OPENAI, LOCAL), List.of(LLAMA), List.of(SampleCatalog.LLAMA_POOL, second));

        Expansion expansion = expander.expand(catalog, LLAMA, NOW);

        assertThat(expansion.targets()).extracting(DecisionTarget::endpointId)
                .containsExactlyInAnyOrder("ep-llama-1", "ep-llama-2", "ep-us-1");
        DecisionTarget us = expansion.targets().stream()
                .filter(target -> "ep-us-1".equals(target.endpointId())).findFirst().orElseThrow();
        assertThat(us).isEqualTo(new DecisionTarget(LLAMA.id(), "llama-3.1-8b", "meta-llama/Llama-3.1-8B-Instruct",
                LOCAL.id(), "openai-compatible", "pool-llama-us", "ep-us-1", "http://127.0.0.1:9001/ep-us-1/v1",
                "eu-west", SampleCatalog.LLAMA_CUT_PRICE));
    }

    @Test
    void usesTheProviderApiWhenNoPoolServesTheModel() {
        Expansion expansion = expander.expand(sample, GPT, NOW);

        assertThat(expansion.targets()).containsExactly(new DecisionTarget(GPT.id(), "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18", OPENAI.id(), "openai", null, null, "https://api.openai.com/v1", null,
                SampleCatalog.GPT_PRICE));
    }

    @Test
    void everyTargetCarriesTheTimeoutsRetriesAndBreakerItsProviderSets() {
        BreakerSettings breaker = new BreakerSettings(30, 40, 20, 45_000, 2);
        ProviderInfo strictLocal = new ProviderInfo(LOCAL.id(), LOCAL.name(), LOCAL.kind(), LOCAL.baseUrl(), 800, 30_000,
                null, null, new ProviderResilience(5_000, 2_000, 1, breaker));
        ProviderInfo plainOpenAi = new ProviderInfo(OPENAI.id(), OPENAI.name(), OPENAI.kind(), OPENAI.baseUrl());
        Catalog catalog = catalog(List.of(plainOpenAi, strictLocal), List.of(LLAMA, GPT),
                List.of(SampleCatalog.LLAMA_POOL));

        List<DecisionTarget> pooled = expander.expand(catalog, LLAMA, NOW).targets();
        List<DecisionTarget> hosted = expander.expand(catalog, GPT, NOW).targets();

        assertThat(pooled).isNotEmpty().allSatisfy(target -> assertThat(target.resilience())
                .isEqualTo(new TargetResilience(800, 5_000, 2_000, 30_000, 1, breaker)));
        assertThat(hosted).singleElement().extracting(DecisionTarget::resilience).as("the gateway's defaults")
                .isNull();
    }

    @Test
    void hasNoTargetForAModelWithNeitherPoolNorProviderUrl() {
        Expansion expansion = expander.expand(sample, SampleCatalog.QWEN, NOW);

        assertThat(expansion.targets()).isEmpty();
        assertThat(expansion.temporary()).isFalse();
        assertThat(expansion.unavailableReason()).isEqualTo("no pool and no provider URL");
    }

    @Test
    void reportsATemporaryGapWhenEveryEndpointOfThePoolIsInactive() {
        Expansion expansion = expander.expand(sample, SampleCatalog.MISTRAL, NOW);

        assertThat(expansion.targets()).isEmpty();
        assertThat(expansion.temporary()).isTrue();
        assertThat(expansion.unavailableReason()).isEqualTo("no active endpoint");
    }

    @Test
    void hasNoTargetWhenTheProviderIsMissing() {
        ModelInfo orphan = new ModelInfo("mod-orphan", "prov-gone", "orphan", "orphan", 4096, Set.of(), "active",
                List.of());

        Expansion expansion = expander.expand(sample, orphan, NOW);

        assertThat(expansion.targets()).isEmpty();
        assertThat(expansion.temporary()).isFalse();
    }

    @Test
    void leadsWithEachEndpointInProportionToItsWeight() {
        PoolInfo pool = new PoolInfo("pool-w", "weighted", LLAMA.id(), "eu-west", List.of(
                endpoint("ep-big", "pool-w", "active", 3),
                endpoint("ep-small", "pool-w", "active", 1)));
        Catalog catalog = catalog(List.of(LOCAL), List.of(LLAMA), List.of(pool));

        Map<String, Integer> leads = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            leads.merge(expander.expand(catalog, LLAMA, NOW).targets().getFirst().endpointId(), 1, Integer::sum);
        }

        assertThat(leads.get("ep-big") / 10_000.0).isCloseTo(0.75, within(0.02));
    }

    @Test
    void putsZeroWeightEndpointsLast() {
        PoolInfo pool = new PoolInfo("pool-w", "weighted", LLAMA.id(), "eu-west", List.of(
                endpoint("ep-spare", "pool-w", "active", 0),
                endpoint("ep-a", "pool-w", "active", 1),
                endpoint("ep-b", "pool-w", "active", 1)));
        Catalog catalog = catalog(List.of(LOCAL), List.of(LLAMA), List.of(pool));

        for (int i = 0; i < 100; i++) {
            assertThat(expander.expand(catalog, LLAMA, NOW).targets()).last()
                    .extracting(DecisionTarget::endpointId).isEqualTo("ep-spare");
        }
    }

    @Test
    void carriesThePriceInEffectAtDecisionTime() {
        Instant beforeCut = SampleCatalog.LLAMA_PRICE_CUT.minusSeconds(1);

        assertThat(expander.expand(sample, LLAMA, beforeCut).targets())
                .allSatisfy(target -> assertThat(target.price()).isEqualTo(SampleCatalog.LLAMA_LAUNCH_PRICE));
        assertThat(expander.expand(sample, LLAMA, SampleCatalog.LLAMA_PRICE_CUT).targets())
                .allSatisfy(target -> assertThat(target.price()).isEqualTo(SampleCatalog.LLAMA_CUT_PRICE));
        assertThat(expander.expand(sample, SampleCatalog.MISTRAL, NOW).targets()).isEmpty();
    }

    private static Catalog catalog(List<ProviderInfo> providers, List<ModelInfo> models, List<PoolInfo> pools) {
        return Catalog.of(new CatalogSnapshot(1, SampleCatalog.GENERATED_AT, providers, models, pools, List.of()));
    }
}
