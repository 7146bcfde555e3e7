package io.signalbox.routing.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.catalog.TeamInfo;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.decision.DecisionDetails;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.routing.SampleCatalog;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.catalog.CatalogHolder;
import io.signalbox.routing.policy.PolicyRegistry;
import io.signalbox.routing.policy.StaticPolicy;
import io.signalbox.routing.policy.WeightedPolicy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tenant and team allow-lists, and a tenant's allowed regions, are hard constraints from the catalog. */
class AllowListTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final SplittableRandom seeded = new SplittableRandom(9L);

    private final DecisionEngine engine = new DecisionEngine(new CatalogHolder(), new PolicyRegistry(List.of(
            new StaticPolicy(), new WeightedPolicy(() -> seeded))), CLOCK, () -> seeded);

    @Test
    void aTenantThatMayUseOnlyOneModelGetsOnlyThatModelOutOfAMixedRoute() {
        Catalog catalog = catalog(new TenantInfo("tenant-1", "bank", List.of("gpt-4o-mini"), List.of()), null);

        DecisionResponse decision = engine.decide(catalog, request("auto", "tenant-1", "team-1"), true);

        assertThat(decision.targets()).extracting(DecisionTarget::modelName).containsOnly("gpt-4o-mini");
        assertThat(decision.details().candidates()).filteredOn(c -> "filtered".equals(c.outcome()))
                .extracting(DecisionDetails.Candidate::modelName, DecisionDetails.Candidate::filter,
                        DecisionDetails.Candidate::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("llama-3.1-8b", "allow-list",
                        "not in the tenant's allowed models"));
        assertThat(engine.decide(catalog, request("auto", "tenant-2", "team-1"), false).targets())
                .as("another tenant is not restricted").extracting(DecisionTarget::modelName)
                .contains("llama-3.1-8b");
    }

    @Test
    void listingARouteAliasAllowsEveryModelBehindIt() {
        Catalog catalog = catalog(null, new TeamInfo("team-1", "tenant-1", "risk", List.of("auto")));

        assertThat(engine.decide(catalog, request("auto", "tenant-1", "team-1"), false).targets())
                .extracting(DecisionTarget::modelName).contains("llama-3.1-8b", "gpt-4o-mini");
    }

    @Test
    void aNameOutsideEveryListIsRefusedAsNotAllowedNotAsUnsatisfiable() {
        Catalog catalog = catalog(new TenantInfo("tenant-1", "bank", List.of("smart", "llama-3.1-8b"), List.of()),
                new TeamInfo("team-1", "tenant-1", "risk", List.of("llama-3.1-8b")));

        assertThatExceptionOfType(ModelNotAllowedException.class)
                .as("the tenant allows 'smart', but the team does not")
                .isThrownBy(() -> engine.decide(catalog, request("smart", "tenant-1", "team-1"), false))
                .withMessageContaining("allow-lists: gpt-4o-mini (allow-list: not in the team's allowed models)");
        assertThat(engine.decide(catalog, request("llama-3.1-8b", "tenant-1", "team-1"), false).targets())
                .extracting(DecisionTarget::modelName).containsOnly("llama-3.1-8b");
    }

    @Test
    void whenTheOnlyAllowedModelCannotServeNowTheAnswerIsTemporaryNotForbidden() {
        RouteInfo mixed = new RouteInfo("route-mixed", "mixed", "static",
                List.of(new RouteTarget(SampleCatalog.MISTRAL.id(), 1), new RouteTarget(SampleCatalog.GPT.id(), 1)), 1);
        CatalogSnapshot base = SampleCatalog.withRoutes(6, mixed);
        Catalog catalog = Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(),
                base.models(), base.pools(), base.routes(),
                List.of(new TenantInfo("tenant-1", "bank", List.of("mistral-7b"), List.of())), List.of()));

        assertThatExceptionOfType(NoAvailableTargetException.class)
                .as("mistral's only endpoint is draining: retry later, the tenant's settings are not the problem")
                .isThrownBy(() -> engine.decide(catalog, request("mixed", "tenant-1", "team-1"), false))
                .satisfies(e -> assertThat(e.temporary()).isTrue());
    }

    @Test
    void aTenantsAllowedRegionsKeepItsRequestsThereAndLeaveRegionlessProvidersOut() {
        Catalog inEurope = catalog(new TenantInfo("tenant-1", "bank", List.of(), List.of("eu-west")), null);
        Catalog inAmerica = catalog(new TenantInfo("tenant-1", "bank", List.of(), List.of("us-east")), null);

        assertThat(engine.decide(inEurope, request("auto", "tenant-1", "team-1"), false).targets())
                .as("the provider-hosted model declares no region, so it cannot prove it is in eu-west")
                .extracting(DecisionTarget::modelName).containsOnly("llama-3.1-8b");
        assertThatExceptionOfType(ConstraintsUnsatisfiedException.class)
                .isThrownBy(() -> engine.decide(inAmerica, request("auto", "tenant-1", "team-1"), false))
                .withMessageContaining("runs in eu-west; the request may run in us-east");
    }

    private static Catalog catalog(@Nullable TenantInfo tenant, @Nullable TeamInfo team) {
        CatalogSnapshot base = SampleCatalog.snapshot(5);
        return Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(), base.models(),
                base.pools(), base.routes(), tenant == null ? List.of() : List.of(tenant),
                team == null ? List.of() : List.of(team)));
    }

    private static DecisionRequest request(String model, String tenantId, String teamId) {
        return new DecisionRequest("req-1", tenantId, teamId, "key-1", model, "chat.completions", false, 10, null,
                Set.of(), null, Map.of(), null, null, null);
    }
}
