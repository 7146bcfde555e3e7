package io.signalbox.registry.change;

import java.time.Duration;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.registry.RegistryIntegrationTest;
import io.signalbox.registry.RegistryTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting leaves nothing dangling: what is still used is refused with 409, the rest disappears everywhere. */
class DeleteApiTests extends RegistryIntegrationTest {

    @Test
    void deletedRouteLeavesTheCatalogAndIsAnnouncedOnKafka() {
        String model = model(provider(), unique("m"));
        String alias = unique("fast");
        String id = createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}""".formatted(alias, model));

        try (RegistryTopic topic = new RegistryTopic()) {
            delete("/api/v1/routes/" + id, null).expectStatus().isNoContent();

            RegistryChanged event = ContractJson.fromJson(topic.nextWith(id, RegistryChanged.Operation.DELETED.name(),
                    Duration.ofSeconds(20)).value(), RegistryChanged.class);
            assertThat(event.entity()).isEqualTo("route");
        }
        problem(admin().get().uri("/api/v1/routes/" + id).exchange(), 404);
        assertThat(catalog().routes()).noneMatch(route -> route.alias().equals(alias));
    }

    @Test
    void modelInUseIsNotDeleted() {
        String provider = provider();
        String targeted = model(provider, unique("targeted"));
        createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}"""
                .formatted(unique("r"), targeted));
        String served = model(provider, unique("served"));
        createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "local"}""".formatted(unique("pool"), served));
        String priced = model(provider, unique("priced"));
        create("/api/v1/models/" + priced + "/prices", """
                {"currency": "USD", "inputPerMillion": 1, "outputPerMillion": 2}""");

        JsonNode byRoute = problem(delete("/api/v1/models/" + targeted, null), 409);
        JsonNode byPool = problem(delete("/api/v1/models/" + served, null), 409);
        JsonNode byPrice = problem(delete("/api/v1/models/" + priced, null), 409);
        JsonNode providerInUse = problem(delete("/api/v1/providers/" + provider, null), 409);

        assertThat(byRoute.path("type").asString()).isEqualTo("https://signalbox.io/problems/in-use");
        assertThat(byRoute.path("usedBy").asString()).isEqualTo("route");
        assertThat(byPool.path("usedBy").asString()).isEqualTo("pool");
        assertThat(byPrice.path("usedBy").asString()).isEqualTo("price");
        assertThat(byPrice.path("detail").asString()).contains("disabled");
        assertThat(providerInUse.path("usedBy").asString()).isEqualTo("model");
        read("/api/v1/models/" + targeted);
    }

    @Test
    void unusedModelAndProviderAreDeleted() {
        String provider = provider();
        String model = model(provider, unique("lonely"));

        delete("/api/v1/models/" + model, "\"0\"").expectStatus().isNoContent();
        delete("/api/v1/providers/" + provider, null).expectStatus().isNoContent();

        problem(admin().get().uri("/api/v1/models/" + model).exchange(), 404);
        problem(admin().get().uri("/api/v1/providers/" + provider).exchange(), 404);
        assertThat(catalog().providers()).noneMatch(info -> info.id().equals(provider));
    }

    @Test
    void deletingAPoolTakesItsEndpoints() {
        String model = model(provider(), unique("qwen"));
        String pool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "local"}""".formatted(unique("pool"), model));
        String endpoints = "/api/v1/pools/" + pool + "/endpoints";
        String first = createId(endpoints, "{\"baseUrl\": \"http://127.0.0.1:9401/v1\"}");
        createId(endpoints, "{\"baseUrl\": \"http://127.0.0.1:9402/v1\"}");

        delete(endpoints + "/" + first, null).expectStatus().isNoContent();
        assertThat(read(endpoints).path("total").asLong()).isEqualTo(1);
        delete("/api/v1/pools/" + pool, null).expectStatus().isNoContent();

        problem(admin().get().uri(endpoints).exchange(), 404);
        assertThat(catalog().pools()).noneMatch(info -> info.id().equals(pool));
        delete("/api/v1/models/" + model, null).expectStatus().isNoContent();
    }

    @Test
    void tenantsAndTeamsWithKeysAreKeptForCostAllocation() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        String keyed = createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"keyed\"}".formatted(tenant));
        String empty = createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"empty\"}".formatted(tenant));
        create("/api/v1/keys", "{\"teamId\": \"%s\", \"name\": \"k\"}".formatted(keyed));

        JsonNode teamInUse = problem(delete("/api/v1/teams/" + keyed, null), 409);
        delete("/api/v1/teams/" + empty, null).expectStatus().isNoContent();
        JsonNode tenantInUse = problem(delete("/api/v1/tenants/" + tenant, null), 409);

        assertThat(teamInUse.path("usedBy").asString()).isEqualTo("key");
        assertThat(tenantInUse.path("usedBy").asString()).isEqualTo("team");
        problem(admin().get().uri("/api/v1/teams/" + empty).exchange(), 404);
    }

    @Test
    void deleteWithAStaleIfMatchIsRefused() {
        String tenant = "/api/v1/tenants/" + createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("x")));
        put(tenant, "\"0\"", "{\"name\": \"%s\"}".formatted(unique("y"))).expectStatus().isOk();

        JsonNode stale = problem(delete(tenant, "\"0\""), 412);
        delete(tenant, "W/\"1\"").expectStatus().isNoContent();

        assertThat(stale.path("currentRevision").asLong()).isEqualTo(1);
        problem(delete(tenant, null), 404);
    }

    private String provider() {
        return createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}".formatted(unique("p")));
    }

    private String model(String provider, String name) {
        return createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 8192}"""
                .formatted(provider, name));
    }

    private CatalogSnapshot catalog() {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class);
    }
}
