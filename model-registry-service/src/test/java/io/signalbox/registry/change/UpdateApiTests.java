package io.signalbox.registry.change;

import java.time.Duration;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.registry.RegistryIntegrationTest;
import io.signalbox.registry.RegistryTopic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes go through If-Match: a stale or blind write is refused, an accepted one reaches the catalog and Kafka. */
class UpdateApiTests extends RegistryIntegrationTest {

    @Test
    void updateNeedsIfMatchWithTheCurrentRevision() {
        String name = unique("openai");
        String path = "/api/v1/providers/" + createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai"}""".formatted(name));
        String body = """
                {"name": "%s-eu", "kind": "azure-openai", "baseUrl": "https://eu.example.com/v1"}""".formatted(name);
        String etag = etag(path);

        JsonNode blind = problem(put(path, null, body), 428);
        String updated = put(path, etag, body).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode stale = problem(put(path, etag, body.replace("-eu", "-us")), 412);

        assertThat(etag).isEqualTo("\"0\"");
        assertThat(blind.path("type").asString()).isEqualTo("https://signalbox.io/problems/if-match-required");
        assertThat(json(updated).path("kind").asString()).isEqualTo("azure-openai");
        assertThat(json(updated).path("revision").asLong()).isEqualTo(1);
        assertThat(stale.path("type").asString()).isEqualTo("https://signalbox.io/problems/stale-revision");
        assertThat(stale.path("currentRevision").asLong()).isEqualTo(1);
        assertThat(read(path).path("name").asString()).as("the stale write changed nothing").isEqualTo(name + "-eu");
    }

    @Test
    void updatedRouteIsANewVersionInTheCatalogAndOnKafka() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai"}""".formatted(unique("openai")));
        String small = model(provider, unique("mini"));
        String large = model(provider, unique("large"));
        String alias = unique("smart");
        String route = "/api/v1/routes/" + createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}""".formatted(alias, small));

        try (RegistryTopic topic = new RegistryTopic()) {
            put(route, etag(route), """
                    {"alias": "%s", "policy": {"type": "weighted", "targets": [
                      {"modelId": "%s", "weight": 80}, {"modelId": "%s", "weight": 20}]}}"""
                    .formatted(alias, small, large)).expectStatus().isOk();

            RegistryChanged event = ContractJson.fromJson(
                    topic.nextWith(route.substring(route.lastIndexOf('/') + 1), "UPDATED", Duration.ofSeconds(20)).value(),
                    RegistryChanged.class);
            assertThat(event.operation()).isEqualTo(RegistryChanged.Operation.UPDATED);
            assertThat(event.entity()).isEqualTo("route");
        }
        RouteInfo info = catalog().routes().stream().filter(r -> r.alias().equals(alias)).findFirst().orElseThrow();
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.policyType()).isEqualTo("weighted");
        assertThat(info.targets()).extracting(t -> t.weight()).containsExactly(80, 20);
    }

    @Test
    void modelPoolEndpointTenantAndTeamChangesAreServed() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai-compatible"}""".formatted(unique("vllm")));
        String modelName = unique("llama");
        String model = model(provider, modelName);
        String pool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "eu-west"}""".formatted(unique("pool"), model));
        String endpoint = "/api/v1/pools/" + pool + "/endpoints/" + createId("/api/v1/pools/" + pool + "/endpoints",
                """
                {"baseUrl": "http://127.0.0.1:9301/v1"}""");
        String tenant = "/api/v1/tenants/" + createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("t")));
        String team = "/api/v1/teams/" + createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"ml\"}"
                .formatted(tenant.substring(tenant.lastIndexOf('/') + 1)));

        put("/api/v1/models/" + model, "\"0\"", """
                {"name": "%s", "upstreamModel": "llama-3.3", "contextWindow": 131072,
                 "capabilities": ["chat", "tools"], "status": "deprecated", "deprecationDate": "2027-01-31"}"""
                .formatted(modelName))
                .expectStatus().isOk();
        put("/api/v1/pools/" + pool, "\"0\"", """
                {"name": "%s", "modelId": "%s", "region": "eu-central"}""".formatted(unique("pool"), model))
                .expectStatus().isOk();
        put(endpoint, "\"0\"", """
                {"baseUrl": "http://127.0.0.1:9301/v1", "weight": 5, "state": "draining"}""").expectStatus().isOk();
        put(tenant, "*", "{\"name\": \"%s\"}".formatted(unique("renamed"))).expectStatus().isOk();
        put(team, "\"0\"", "{\"name\": \"research\"}").expectStatus().isOk();

        CatalogSnapshot catalog = catalog();
        ModelInfo info = catalog.models().stream().filter(m -> m.id().equals(model)).findFirst().orElseThrow();
        assertThat(info.status()).isEqualTo("deprecated");
        assertThat(info.deprecationDate()).hasToString("2027-01-31");
        assertThat(info.upstreamModel()).isEqualTo("llama-3.3");
        assertThat(info.capabilities()).containsExactlyInAnyOrder("chat", "tools");
        assertThat(catalog.pools().stream().filter(p -> p.id().equals(pool)).findFirst().orElseThrow())
                .satisfies(p -> {
                    assertThat(p.region()).isEqualTo("eu-central");
                    assertThat(p.endpoints().getFirst().state()).isEqualTo("draining");
                    assertThat(p.endpoints().getFirst().weight()).isEqualTo(5);
                    assertThat(p.endpoints().getFirst().region()).as("an endpoint without region takes the pool's")
                            .isEqualTo("eu-central");
                });
        assertThat(read(team).path("name").asString()).isEqualTo("research");
        assertThat(read(team).path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void renameIntoATakenNameIsAConflict() {
        String first = unique("acme");
        createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(first));
        String second = "/api/v1/tenants/" + createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("b")));

        JsonNode conflict = problem(put(second, "\"0\"", "{\"name\": \"%s\"}".formatted(first)), 409);

        assertThat(conflict.path("field").asString()).isEqualTo("name");
    }

    @Test
    void invalidUpdateNamesEveryBadField() {
        String path = "/api/v1/providers/" + createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai"}""".formatted(unique("p")));

        JsonNode problem = problem(put(path, "\"0\"", "{\"name\": \"\", \"kind\": \"smoke-signals\"}"), 400);

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("kind", "name");
    }

    private String model(String provider, String name) {
        return createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "%s", "contextWindow": 8192,
                 "capabilities": ["chat"]}""".formatted(provider, name, name));
    }

    private CatalogSnapshot catalog() {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class);
    }
}
