package io.signalbox.registry.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.RegistryIntegrationTest;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.key.KeyService;
import io.signalbox.registry.model.Model;
import io.signalbox.registry.model.ModelRepository;
import io.signalbox.registry.model.ModelService;
import io.signalbox.registry.model.ModelSpec;
import io.signalbox.registry.model.PriceRepository;
import io.signalbox.registry.pool.PoolService;
import io.signalbox.registry.pool.PoolSpec;
import io.signalbox.registry.provider.Provider;
import io.signalbox.registry.provider.ProviderRepository;
import io.signalbox.registry.provider.ProviderService;
import io.signalbox.registry.provider.ProviderSpec;
import io.signalbox.registry.route.RoutePolicyRules;
import io.signalbox.registry.route.RouteService;
import io.signalbox.registry.tenant.Access;
import io.signalbox.registry.tenant.TeamRepository;
import io.signalbox.registry.tenant.TenantRepository;
import io.signalbox.registry.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The repository layer against real PostgreSQL: the hand-written queries (jsonb, arrays, price at an
 * instant, filters) and the constraints that guard the tables from writes that bypass the API.
 */
class RegistryRepositoriesTests extends RegistryIntegrationTest {

    @Autowired
    ProviderService providerService;

    @Autowired
    ModelService modelService;

    @Autowired
    PoolService poolService;

    @Autowired
    RouteService routeService;

    @Autowired
    TenantService tenantService;

    @Autowired
    KeyService keyService;

    @Autowired
    ProviderRepository providers;

    @Autowired
    ModelRepository models;

    @Autowired
    PriceRepository prices;

    @Autowired
    TenantRepository tenants;

    @Autowired
    TeamRepository teams;

    @Autowired
    JdbcClient jdbc;

    @Test
    void referenceQueriesSeeRoutesPoolsModelsAndKeys() {
        Provider provider = provider();
        Model targeted = model(provider, "targeted", List.of("chat"));
        Model served = model(provider, "served", List.of("chat"));
        Model free = model(provider, "free", List.of("chat"));
        routeService.create(unique("r"), "weighted", List.of(new RoutePolicyRules.TargetDraft(free.getId(), 1),
                new RoutePolicyRules.TargetDraft(targeted.getId(), 1)), null);
        routeService.create(unique("f"), "fallback", List.of(new RoutePolicyRules.TargetDraft(free.getId(), null),
                new RoutePolicyRules.TargetDraft(targeted.getId(), null)), null);
        poolService.create(new PoolSpec(unique("pool"), served.getId(), "local", null, List.of(), false));
        UUID tenant = tenantService.create(unique("t"), Access.UNRESTRICTED).getId();
        UUID team = tenantService.createTeam(tenant, "ml", new RateLimits(null, null), List.of()).getId();
        UUID emptyTeam = tenantService.createTeam(tenant, "empty", new RateLimits(null, null), List.of()).getId();
        keyService.issue(null, team, "k", Map.of(), null, List.of(), new RateLimits(null, null));

        assertThat(models.isRouteTarget(targeted.getId())).isTrue();
        assertThat(models.isRouteTarget(served.getId())).isFalse();
        assertThat(models.isServedByPool(served.getId())).isTrue();
        assertThat(models.isServedByPool(targeted.getId())).isFalse();
        assertThat(providers.hasModels(provider.getId())).isTrue();
        assertThat(tenants.hasKeys(tenant)).isTrue();
        assertThat(teams.hasKeys(team)).isTrue();
        assertThat(teams.hasKeys(emptyTeam)).isFalse();
    }

    @Test
    void priceAtAnInstantIsTheLatestNotAfterIt() {
        Model model = model(provider(), "priced", List.of("chat"));
        modelService.addPrice(model.getId(), "USD", BigDecimal.ONE, BigDecimal.ONE, null, null,
                Instant.parse("2026-01-01T00:00:00Z"));
        modelService.addPrice(model.getId(), "USD", BigDecimal.TWO, BigDecimal.TWO, null, null,
                Instant.parse("2026-02-01T00:00:00Z"));

        assertThat(prices.findFirstByModelIdAndEffectiveFromLessThanEqualOrderByEffectiveFromDesc(model.getId(),
                Instant.parse("2026-01-31T23:59:59.999999Z"))).get()
                .satisfies(price -> assertThat(price.getInputPerMillion()).isEqualByComparingTo("1"));
        assertThat(prices.findFirstByModelIdAndEffectiveFromLessThanEqualOrderByEffectiveFromDesc(model.getId(),
                Instant.parse("2026-02-01T00:00:00Z"))).get()
                .satisfies(price -> assertThat(price.getInputPerMillion()).isEqualByComparingTo("2"));
        assertThat(prices.findFirstByModelIdAndEffectiveFromLessThanEqualOrderByEffectiveFromDesc(model.getId(),
                Instant.parse("2025-12-31T00:00:00Z"))).isEmpty();
    }

    @Test
    void filtersMatchArrayElementsAndEscapeWildcards() {
        Provider provider = provider();
        Model vision = model(provider, "vis_ion", List.of("chat", "vision"));
        model(provider, "visXion", List.of("chat"));

        List<UUID> withVision = models.findAll(new Filters<Model>().equal("providerId", provider.getId())
                .has("capabilities", "vision").toSpecification(), PageRequest.of(0, 10))
                .map(Model::getId).getContent();
        List<UUID> underscore = models.findAll(new Filters<Model>().equal("providerId", provider.getId())
                .contains("name", "VIS_ION").toSpecification(), PageRequest.of(0, 10))
                .map(Model::getId).getContent();

        assertThat(withVision).containsExactly(vision.getId());
        assertThat(underscore).containsExactly(vision.getId());
    }

    @Test
    void tablesRefuseWritesThatBypassTheRules() {
        Model model = model(provider(), "guarded", List.of("chat"));
        modelService.addPrice(model.getId(), "USD", BigDecimal.ONE, BigDecimal.ONE, null, null, null);

        assertThatExceptionOfType(DataAccessException.class).as("prices are append-only").isThrownBy(() -> jdbc
                .sql("update prices set input_per_million = 0 where model_id = :id").param("id", model.getId())
                .update());
        assertThatExceptionOfType(DataAccessException.class).as("ciphertext needs its key id").isThrownBy(() -> jdbc
                .sql("update providers set credentials_ciphertext = 'x' where id = :id")
                .param("id", model.getProviderId()).update());
        assertThatExceptionOfType(DataAccessException.class).as("unknown quality tier").isThrownBy(() -> jdbc
                .sql("update models set quality_tier = 'gold' where id = :id").param("id", model.getId()).update());
        assertThatExceptionOfType(DataAccessException.class).as("unknown policy type").isThrownBy(() -> jdbc
                .sql("update routes set policy_type = 'teleport'").update());
    }

    private Provider provider() {
        return providerService.create(new ProviderSpec(unique("repo"), "openai", null, null, null, null, null), null);
    }

    private Model model(Provider provider, String name, List<String> capabilities) {
        return modelService.create(provider.getId(), new ModelSpec(unique(name), "x", 8192, capabilities, "active",
                null, null, null, null, List.of()));
    }
}
