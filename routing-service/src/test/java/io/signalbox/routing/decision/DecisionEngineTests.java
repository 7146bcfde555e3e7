package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.catalog.CatalogUnavailableException;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.routing.policy.WeightedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.signalbox.routing.SampleCatalog.GPT;
import static io.signalbox.routing.SampleCatalog.LEGACY;
import static io.signalbox.routing.SampleCatalog.LLAMA;
import static io.signalbox.routing.SampleCatalog.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DecisionEngineTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final SplittableRandom seeded = new SplittableRandom(11L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(),
            new PolicyRegistry(List.of(new StaticPolicy(), new WeightedPolicy(() -> seeded))), CLOCK, () -> seeded);

    private final Catalog catalog = Catalog.of(SampleCatalog.snapshot(7));

    @Test
    void decidesARouteAliasWithTheRoutesPolicy() {
        DecisionResponse decision = engine.decide(catalog, request("smart", null));

        assertThat(decision.routeAlias()).isEqualTo("smart");
        assertThat(decision.policy()).isEqualTo("static");
        assertThat(decision.requestedModel()).isEqualTo("smart");
        assertThat(decision.catalogVersion()).isEqualTo(7);
        assertThat(decision.targets()).singleElement().satisfies(target -> {
            assertThat(target.modelName()).isEqualTo("gpt-4o-mini");
            assertThat(target.apiFormat()).isEqualTo("openai");
            assertThat(target.baseUrl()).isEqualTo("https://api.openai.com/v1");
            assertThat(target.price()).isEqualTo(SampleCatalog.GPT_PRICE);
        });
        assertThat(decision.explanation()).isEqualTo("route 'smart' (static) picked gpt-4o-mini via openai; no fallback");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama-3.1-8b", "meta-llama/Llama-3.1-8B-Instruct"})
    void routesAModelNamedDirectlyToItselfStatically(String requested) {
        DecisionResponse decision = engine.decide(catalog, request(requested, "user-1"));

        assertThat(decision.routeAlias()).isNull();
        assertThat(decision.policy()).isEqualTo("static");
        assertThat(decision.targets()).extracting(DecisionTarget::endpointId)
                .containsExactlyInAnyOrder("ep-llama-1", "ep-llama-2");
        assertThat(decision.targets()).allSatisfy(target -> {
            assertThat(target.modelId()).isEqualTo(LLAMA.id());
            assertThat(target.poolId()).isEqualTo("pool-llama");
            assertThat(target.apiFormat()).isEqualTo("openai-compatible");
            assertThat(target.price()).isEqualTo(SampleCatalog.LLAMA_CUT_PRICE);
        });
        assertThat(decision.explanation()).matches(
                "model '\\Q" + requested + "\\E' \\(static\\) picked llama-3\\.1-8b on ep-llama-[12]; 1 fallback");
    }

    @Test
    void prefersARouteAliasOverAModelWithTheSameName() {
        RouteInfo shadowing = new RouteInfo("route-x", "gpt-4o-mini", "static",
                List.of(new RouteTarget(LLAMA.id(), 1)), 1);

        DecisionResponse decision = engine.decide(Catalog.of(SampleCatalog.withRoutes(1, shadowing)),
                request("gpt-4o-mini", null));

        assertThat(decision.routeAlias()).isEqualTo("gpt-4o-mini");
        assertThat(decision.targets()).extracting(DecisionTarget::modelId).containsOnly(LLAMA.id());
    }

    @Test
    void listsThePickFirstThenTheOtherArmsAsFallbacks() {
        DecisionResponse decision = engine.decide(catalog, request("auto", "user-7"));

        assertThat(decision.policy()).isEqualTo("weighted");
        List<String> models = decision.targets().stream().map(DecisionTarget::modelId).toList();
        assertThat(models).isIn(List.of(LLAMA.id(), LLAMA.id(), GPT.id()), List.of(GPT.id(), LLAMA.id(), LLAMA.id()));
        assertThat(decision.explanation())
                .startsWith("route 'auto' (weighted 80/20, sticky) picked " + decision.targets().getFirst().modelName())
                .endsWith("; 2 fallbacks");
    }

    @Test
    void sendsTheSameCallerToTheSameModelEveryTime() {
        List<String> picks = IntStream.range(0, 50)
                .mapToObj(i -> engine.decide(catalog, request("auto", "user-7")).targets().getFirst().modelId())
                .distinct()
                .toList();

        assertThat(picks).hasSize(1);
    }

    @Test
    void aMirroredRouteNamesTheShadowTargetBesidesItsOwnTargets() {
        RouteInfo mirrored = mirroredRoute(100);

        DecisionResponse decision = engine.decide(Catalog.of(SampleCatalog.withRoutes(1, mirrored)),
                request("mirrored", null));

        assertThat(decision.targets()).extracting(DecisionTarget::modelId).containsExactly(GPT.id());
        assertThat(decision.shadow()).isNotNull();
        assertThat(decision.shadow().modelId()).isEqualTo(LLAMA.id());
        assertThat(decision.shadow().endpointId()).isIn("ep-llama-1", "ep-llama-2");
    }

    @Test
    void aMirrorThatViolatesTheRequestsHardConstraintsGetsNothing() {
        Catalog catalog = Catalog.of(SampleCatalog.withRoutes(1, mirroredRoute(100)));
        io.signalbox.contracts.decision.DecisionRequest needsVision = new io.signalbox.contracts.decision.DecisionRequest(
                "req-2", "tenant-1", "team-1", "key-1", "mirrored", "chat.completions", false, 42, null,
                java.util.Set.of("vision"), null, java.util.Map.of(), null);

        DecisionResponse decision = engine.decide(catalog, needsVision);

        assertThat(decision.targets()).extracting(DecisionTarget::modelId).as("gpt-4o-mini sees images")
                .containsExactly(GPT.id());
        assertThat(decision.shadow()).as("llama does not, so it gets no copy").isNull();
    }

    @Test
    void mirrorsTheConfiguredShareOfRequests() {
        Catalog catalog = Catalog.of(SampleCatalog.withRoutes(1, mirroredRoute(25)));

        long mirrored = IntStream.range(0, 4_000).mapToObj(i -> new io.signalbox.contracts.decision.DecisionRequest(
                        "req_" + UUID.randomUUID(), "tenant-1", "team-1", "key-1", "mirrored", "chat.completions",
                        false, 42, null, java.util.Set.of(), null, java.util.Map.of(), null))
                .filter(request -> engine.decide(catalog, request).shadow() != null).count();

        assertThat(mirrored).as("25 % of 4,000, give or take three standard deviations").isBetween(918L, 1082L);
        assertThat(DecisionEngine.sampled("req-fixed", 25)).as("the same request id always lands the same way")
                .isEqualTo(DecisionEngine.sampled("req-fixed", 25));
    }

    private static RouteInfo mirroredRoute(double percent) {
        return new RouteInfo("route-mirrored", "mirrored", "static", List.of(new RouteTarget(GPT.id(), 1)), 1,
                java.util.Map.of("mirror", java.util.Map.of("modelId", LLAMA.id(), "percent", percent)));
    }

    @Test
    void skipsDisabledModelsAndSaysSo() {
        RouteInfo mixed = new RouteInfo("route-mixed", "mixed", "weighted",
                List.of(new RouteTarget(LEGACY.id(), 90), new RouteTarget(GPT.id(), 10)), 1);

        DecisionResponse decision = engine.decide(Catalog.of(SampleCatalog.withRoutes(1, mixed)),
                request("mixed", null));

        assertThat(decision.targets()).extracting(DecisionTarget::modelId).containsExactly(GPT.id());
        assertThat(decision.explanation()).isEqualTo(
                "route 'mixed' (weighted 10, random) picked gpt-4o-mini via openai; no fallback; "
                        + "skipped gpt-3.5-turbo (disabled)");
    }

    @Test
    void refusesANameWhoseModelsAreAllDisabled() {
        assertThatExceptionOfType(NoAvailableTargetException.class)
                .isThrownBy(() -> engine.decide(catalog, request("retired", null)))
                .satisfies(ex -> assertThat(ex.temporary()).isFalse())
                .withMessage("Nothing behind route 'retired' can serve now: gpt-3.5-turbo (disabled).");
        assertThatExceptionOfType(NoAvailableTargetException.class)
                .isThrownBy(() -> engine.decide(catalog, request("gpt-3.5-turbo", null)))
                .satisfies(ex -> assertThat(ex.temporary()).isFalse());
    }

    @Test
    void refusesAModelWithNowhereToRunAsPermanent() {
        assertThatExceptionOfType(NoAvailableTargetException.class)
                .isThrownBy(() -> engine.decide(catalog, request("qwen-2.5-7b", null)))
                .satisfies(ex -> assertThat(ex.temporary()).isFalse())
                .withMessageContaining("qwen-2.5-7b (no pool and no provider URL)");
    }

    @Test
    void refusesAsTemporaryWhenOnlyEndpointStateStandsInTheWay() {
        RouteInfo drained = new RouteInfo("route-drained", "drained", "static",
                List.of(new RouteTarget(LEGACY.id(), 1), new RouteTarget(SampleCatalog.MISTRAL.id(), 1)), 1);

        assertThatExceptionOfType(NoAvailableTargetException.class)
                .isThrownBy(() -> engine.decide(Catalog.of(SampleCatalog.withRoutes(1, drained)),
                        request("drained", null)))
                .satisfies(ex -> assertThat(ex.temporary()).isTrue())
                .withMessageContaining("mistral-7b (no active endpoint)");
    }

    @Test
    void fallsBackPastAModelWhosePoolIsDrained() {
        RouteInfo withDrained = new RouteInfo("route-d", "with-drained", "weighted",
                List.of(new RouteTarget(SampleCatalog.MISTRAL.id(), 99), new RouteTarget(GPT.id(), 1)), 1);

        DecisionResponse decision = engine.decide(Catalog.of(SampleCatalog.withRoutes(1, withDrained)),
                request("with-drained", "user-1"));

        assertThat(decision.targets()).extracting(DecisionTarget::modelId).containsExactly(GPT.id());
    }

    @Test
    void refusesAnUnknownNameAndPointsToTheModelList() {
        assertThatExceptionOfType(UnknownModelException.class)
                .isThrownBy(() -> engine.decide(catalog, request("gpt-9", null)))
                .withMessage("'gpt-9' is not a route alias or a model known to Signalbox. "
                        + "GET /v1/models lists the names you can use.")
                .satisfies(ex -> assertThat(ex.model()).isEqualTo("gpt-9"));
    }

    @Test
    void refusesARouteWhosePolicyIsNotAvailable() {
        RouteInfo cheapest = new RouteInfo("route-c", "cheapest", "cost", List.of(new RouteTarget(GPT.id(), 1)), 1);

        assertThatExceptionOfType(UnsupportedPolicyException.class)
                .isThrownBy(() -> engine.decide(Catalog.of(SampleCatalog.withRoutes(1, cheapest)),
                        request("cheapest", null)))
                .withMessage("Route 'cheapest' uses policy type 'cost', which this routing-service does not support "
                        + "(supported: static, weighted).");
    }

    @Test
    void givesEveryDecisionItsOwnId() {
        String first = engine.decide(catalog, request("smart", null)).decisionId();
        String second = engine.decide(catalog, request("smart", null)).decisionId();

        assertThat(first).isNotEqualTo(second);
        assertThat(UUID.fromString(first)).isNotNull();
    }

    @Test
    void answersCatalogUnavailableBeforeTheFirstLoad() {
        assertThatExceptionOfType(CatalogUnavailableException.class)
                .isThrownBy(() -> engine.decide(request("smart", null)));
        assertThatExceptionOfType(CatalogUnavailableException.class).isThrownBy(engine::availableModels);
    }
}
