package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.health.EndpointHealthStore;
import io.signalbox.routing.policy.LatencyAwarePolicy;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.health.HealthReports.NOW;
import static io.signalbox.routing.health.HealthReports.report;
import static org.assertj.core.api.Assertions.assertThat;

/** Provider-hosted models cannot be scraped: the latency policy ranks them by telemetry's recent medians. */
class TelemetryLatencyTests {

    private static final ModelInfo GPT_4O = new ModelInfo("mod-gpt-4o", SampleCatalog.OPENAI.id(), "gpt-4o",
            "gpt-4o-2024-08-06", 128_000, Set.of("tools"), "active", List.of());

    private static final RouteInfo FASTEST = new RouteInfo("route-fastest", "fastest", "latency-aware",
            List.of(new RouteTarget(SampleCatalog.GPT.id(), 1), new RouteTarget(GPT_4O.id(), 1),
                    new RouteTarget(SampleCatalog.LLAMA.id(), 1)), 1, Map.of("toleranceMs", 25));

    private final EndpointHealthStore health = new EndpointHealthStore(Duration.ofMinutes(5));

    private final SplittableRandom seeded = new SplittableRandom(1L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(),
            new PolicyRegistry(List.of(new StaticPolicy(), new LatencyAwarePolicy())), Clock.fixed(NOW, ZoneOffset.UTC),
            () -> seeded, null, null, null, health);

    private final Catalog catalog = catalog();

    @Test
    void withoutMeasurementsTheRouteOrderStands() {
        assertThat(engine.decide(catalog, request(), false).targets().getFirst().modelName()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void theHostedModelTelemetrySeesAnsweringFastestLeads() {
        health.apply(report(SampleCatalog.GPT.id(), null, 900.0, NOW.minusSeconds(20)));
        health.apply(report(GPT_4O.id(), null, 310.0, NOW.minusSeconds(20)));
        health.apply(report(SampleCatalog.LLAMA.id(), "ep-llama-1", 450.0, NOW.minusSeconds(20)));

        assertThat(engine.decide(catalog, request(), false).targets()).extracting(t -> t.modelName()).first()
                .isEqualTo("gpt-4o");
    }

    @Test
    void aPoolModelIsRankedByItsBestEndpointsReport() {
        health.apply(report(SampleCatalog.GPT.id(), null, 900.0, NOW.minusSeconds(20)));
        health.apply(report(GPT_4O.id(), null, 700.0, NOW.minusSeconds(20)));
        health.apply(report(SampleCatalog.LLAMA.id(), "ep-llama-2", 120.0, NOW.minusSeconds(20)));

        assertThat(engine.decide(catalog, request(), false).targets().getFirst().modelName()).isEqualTo("llama-3.1-8b");
    }

    private static Catalog catalog() {
        CatalogSnapshot base = SampleCatalog.withRoutes(6, FASTEST);
        List<ModelInfo> models = new ArrayList<>(base.models());
        models.add(GPT_4O);
        return Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(), models,
                base.pools(), base.routes()));
    }

    private static DecisionRequest request() {
        return new DecisionRequest("req-1", "tenant-1", "team-1", "key-1", "fastest", "chat.completions", true, 10,
                null, Set.of(), null, Map.of(), null, null, null);
    }
}
