package io.signalbox.routing.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.catalog.TeamInfo;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.routing.SampleCatalog;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.signalbox.routing.SampleCatalog.GPT;
import static io.signalbox.routing.SampleCatalog.LLAMA;
import static io.signalbox.routing.SampleCatalog.LLAMA_POOL;
import static io.signalbox.routing.SampleCatalog.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

class CatalogTests {

    private final Catalog catalog = Catalog.of(SampleCatalog.snapshot(3));

    @Test
    void findsRoutesByAlias() {
        assertThat(catalog.routeByAlias("auto")).isEqualTo(SampleCatalog.AUTO);
        assertThat(catalog.routeByAlias("route-auto")).isNull();
    }

    @Test
    void findsModelsByNameAndByProviderModelId() {
        assertThat(catalog.modelByNameOrUpstreamId("gpt-4o-mini")).isEqualTo(GPT);
        assertThat(catalog.modelByNameOrUpstreamId("gpt-4o-mini-2024-07-18")).isEqualTo(GPT);
        assertThat(catalog.modelByNameOrUpstreamId("meta-llama/Llama-3.1-8B-Instruct")).isEqualTo(LLAMA);
        assertThat(catalog.modelByNameOrUpstreamId("mod-gpt")).isNull();
    }

    @Test
    void prefersAModelNameOverAnotherModelsProviderId() {
        ModelInfo named = model("mod-a", "shared", "upstream-a", "active");
        ModelInfo upstream = model("mod-b", "other", "shared", "active");
        Catalog both = Catalog.of(snapshot(List.of(upstream, named), List.of()));

        assertThat(both.modelByNameOrUpstreamId("shared")).isEqualTo(named);
    }

    @Test
    void resolvesASharedProviderModelIdToTheRoutableModel() {
        ModelInfo disabled = model("mod-a", "a", "shared", "disabled");
        ModelInfo active = model("mod-b", "b", "shared", "active");
        ModelInfo later = model("mod-c", "c", "shared", "active");
        Catalog shared = Catalog.of(snapshot(List.of(disabled, active, later), List.of()));

        assertThat(shared.modelByNameOrUpstreamId("shared")).isEqualTo(active);
    }

    @Test
    void indexesPoolsByTheModelTheyServe() {
        assertThat(catalog.poolsServing(LLAMA.id())).containsExactly(LLAMA_POOL);
        assertThat(catalog.poolsServing(GPT.id())).isEmpty();
        assertThat(catalog.provider(OPENAI.id())).isEqualTo(OPENAI);
        assertThat(catalog.version()).isEqualTo(3);
    }

    @Test
    void aRestrictedTenantOrTeamIsListedOnlyWhatItsAllowListsLetItUse() {
        CatalogSnapshot base = SampleCatalog.snapshot(3);
        Catalog restricted = Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(),
                base.models(), base.pools(), base.routes(),
                List.of(new TenantInfo("tenant-1", "bank", List.of("llama-3.1-8b", "smart", "mistral-7b"), List.of())),
                List.of(new TeamInfo("team-1", "tenant-1", "risk", List.of("llama-3.1-8b", "mistral-7b")))));

        assertThat(restricted.availableModelsFor("tenant-1", null)).extracting(AvailableModel::id)
                .as("'auto' has llama behind it; 'smart' is listed by name")
                .containsExactly("auto", "llama-3.1-8b", "mistral-7b", "smart");
        assertThat(restricted.availableModelsFor("tenant-1", "team-1")).extracting(AvailableModel::id)
                .as("the team's list applies on top: 'smart' (gpt-4o-mini only) is not on it")
                .containsExactly("auto", "llama-3.1-8b", "mistral-7b");
        assertThat(restricted.availableModelsFor("tenant-2", "team-2")).isEqualTo(restricted.availableModels());
    }

    @Test
    void listsRoutesAndRoutableModelsSortedById() {
        long created = SampleCatalog.GENERATED_AT.getEpochSecond();

        assertThat(catalog.availableModels()).containsExactly(
                new AvailableModel("auto", "route", "signalbox", created),
                new AvailableModel("gpt-4o-mini", "model", "openai", created),
                new AvailableModel("llama-3.1-8b", "model", "local-vllm", created),
                new AvailableModel("mistral-7b", "model", "local-vllm", created),
                new AvailableModel("qwen-2.5-7b", "model", "local-vllm", created),
                new AvailableModel("retired", "route", "signalbox", created),
                new AvailableModel("smart", "route", "signalbox", created));
    }

    @Test
    void leavesOutAModelWhoseNameIsTakenByARouteAlias() {
        RouteInfo shadowing = new RouteInfo("route-x", "gpt-4o-mini", "static",
                List.of(new RouteTarget(LLAMA.id(), 1)), 1);
        Catalog shadowed = Catalog.of(SampleCatalog.withRoutes(1, shadowing));

        assertThat(shadowed.availableModels())
                .filteredOn(model -> model.id().equals("gpt-4o-mini"))
                .singleElement()
                .extracting(AvailableModel::kind).isEqualTo("route");
    }

    @ParameterizedTest(name = "at {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "2024-12-31T23:59:59Z, none",
            "2025-01-01T00:00:00Z, price-llama-1",
            "2025-02-28T23:59:59Z, price-llama-1",
            "2025-03-01T00:00:00Z, price-llama-2",
            "2030-01-01T00:00:00Z, price-llama-2"})
    void choosesTheLatestPriceThatHasStarted(Instant at, @Nullable String expectedPriceId) {
        PriceSnapshot inEffect = Catalog.priceInEffect(LLAMA, at);

        assertThat(inEffect == null ? null : inEffect.priceId()).isEqualTo(expectedPriceId);
    }

    @Test
    void choosesThePriceInEffectWhateverTheListOrder() {
        ModelInfo newestFirst = new ModelInfo(LLAMA.id(), LLAMA.providerId(), LLAMA.name(), LLAMA.upstreamModel(),
                LLAMA.contextWindow(), LLAMA.capabilities(), LLAMA.status(),
                List.of(SampleCatalog.LLAMA_CUT_PRICE, SampleCatalog.LLAMA_LAUNCH_PRICE));

        assertThat(Catalog.priceInEffect(newestFirst, Instant.parse("2025-02-01T00:00:00Z")))
                .isEqualTo(SampleCatalog.LLAMA_LAUNCH_PRICE);
        assertThat(Catalog.priceInEffect(GPT, Instant.parse("2024-01-01T00:00:00Z"))).isNull();
    }

    private static ModelInfo model(String id, String name, String upstream, String status) {
        return new ModelInfo(id, OPENAI.id(), name, upstream, 8192, Set.of(), status, List.of());
    }

    private static CatalogSnapshot snapshot(List<ModelInfo> models, List<RouteInfo> routes) {
        return new CatalogSnapshot(1, SampleCatalog.GENERATED_AT, List.of(OPENAI), models, List.of(), routes);
    }
}
