package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.health.EndpointHealthStore;
import io.signalbox.routing.policy.FallbackPolicy;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.health.HealthReports.NOW;
import static io.signalbox.routing.health.HealthReports.report;
import static io.signalbox.routing.health.HealthReports.unhealthy;
import static org.assertj.core.api.Assertions.assertThat;

/** An endpoint or hosted model telemetry reports unhealthy is tried last, never dropped. */
class UnhealthyTargetTests {

    private static final RouteInfo CHAIN = new RouteInfo("route-chain", "chain", "fallback",
            List.of(new RouteTarget(SampleCatalog.GPT.id(), 1), new RouteTarget(SampleCatalog.LLAMA.id(), 1)), 1);

    private final EndpointHealthStore health = new EndpointHealthStore(Duration.ofMinutes(5));

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(),
            new PolicyRegistry(List.of(new StaticPolicy(), new FallbackPolicy())), Clock.fixed(NOW, ZoneOffset.UTC),
            () -> new SplittableRandom(System.nanoTime()), null, null, null, health);

    private final Catalog catalog = Catalog.of(SampleCatalog.withRoutes(7, SampleCatalog.FAST, CHAIN));

    @RepeatedTest(10)
    void anUnhealthyEndpointIsNeverPickedWhileAHealthyOneRemainsButStaysTheFallback() {
        health.apply(unhealthy(SampleCatalog.LLAMA.id(), "ep-llama-1", NOW.minusSeconds(5)));
        health.apply(report(SampleCatalog.LLAMA.id(), "ep-llama-2", 80.0, NOW.minusSeconds(5)));

        DecisionResponse decision = engine.decide(catalog, request("fast"), false);

        assertThat(decision.targets()).extracting(DecisionTarget::endpointId).containsExactly("ep-llama-2",
                "ep-llama-1");
    }

    @Test
    void anUnhealthyHostedModelYieldsTheLeadToTheNextModelOfTheChain() {
        assertThat(engine.decide(catalog, request("chain"), false).targets().getFirst().modelName())
                .isEqualTo("gpt-4o-mini");

        health.apply(unhealthy(SampleCatalog.GPT.id(), null, NOW.minusSeconds(5)));
        DecisionResponse decision = engine.decide(catalog, request("chain"), false);

        assertThat(decision.targets()).extracting(DecisionTarget::modelName).first().isEqualTo("llama-3.1-8b");
        assertThat(decision.targets().getLast().modelName()).isEqualTo("gpt-4o-mini");
        assertThat(decision.explanation()).contains("picked llama-3.1-8b");
    }

    @Test
    void whenEveryTargetIsUnhealthyTheRequestIsStillServed() {
        health.apply(unhealthy(SampleCatalog.LLAMA.id(), "ep-llama-1", NOW.minusSeconds(5)));
        health.apply(unhealthy(SampleCatalog.LLAMA.id(), "ep-llama-2", NOW.minusSeconds(5)));

        assertThat(engine.decide(catalog, request("fast"), false).targets()).hasSize(2);
    }

    private static DecisionRequest request(String model) {
        return new DecisionRequest("req-1", "tenant-1", "team-1", "key-1", model, "chat.completions", false, 10, null,
                Set.of(), null, Map.of(), null);
    }
}
