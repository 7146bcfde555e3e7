package io.signalbox.registry.route;

import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change of a route is a version; any version can be made current again in one call. */
class RouteVersionsApiTests extends RegistryIntegrationTest {

    @Test
    void everyChangeIsAVersionAndRollbackMakesAnOldOneCurrentAgain() {
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("p")));
        String small = model(provider);
        String large = model(provider);
        String alias = unique("smart");
        String path = "/api/v1/routes/" + createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}""".formatted(alias, small));
        put(path, "\"0\"", """
                {"alias": "%s", "policy": {"type": "fallback", "targets": [{"modelId": "%s"}, {"modelId": "%s"}],
                 "parameters": {"maxAttempts": 2, "retryOn": ["rate_limited", "timeout"]}}}"""
                .formatted(alias, large, small)).expectStatus().isOk();

        JsonNode rolledBack = json(withToken(CI_ADMIN_TOKEN).post().uri(path + "/rollback")
                .contentType(MediaType.APPLICATION_JSON).body("{\"version\": 1}").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        JsonNode versions = read(path + "/versions");

        assertThat(rolledBack.path("version").asLong()).isEqualTo(3);
        assertThat(rolledBack.path("policy").path("type").asString()).isEqualTo("static");
        assertThat(versions.path("items").valueStream().map(v -> v.path("policy").path("type").asString()).toList())
                .containsExactly("static", "fallback", "static");
        assertThat(versions.path("items").get(1).path("policy").path("parameters").path("maxAttempts").asInt())
                .isEqualTo(2);
        assertThat(versions.path("items").valueStream().map(v -> v.path("actor").asString()).toList())
                .containsExactly("admin", "admin", "ci-bot");
        RouteInfo info = catalog().routes().stream().filter(r -> r.alias().equals(alias)).findFirst().orElseThrow();
        assertThat(info.version()).isEqualTo(3);
        assertThat(info.policyType()).isEqualTo("static");
        assertThat(problem(admin().post().uri(path + "/rollback").contentType(MediaType.APPLICATION_JSON)
                .body("{\"version\": 9}").exchange(), 404).path("entity").asString()).isEqualTo("route version");
    }

    @Test
    void policyParametersReachTheCatalog() {
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("p")));
        String cheap = model(provider);
        String best = model(provider);
        String alias = unique("tiered");
        createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "tiered", "targets": [{"modelId": "%s"}, {"modelId": "%s"}],
                 "parameters": {"tiers": {"economy": ["%s"], "premium": ["%s"]}, "defaultTier": "economy",
                                "constraints": {"regions": ["eu-west"], "privateOnly": false}}}}"""
                .formatted(alias, cheap, best, cheap, best));

        RouteInfo info = catalog().routes().stream().filter(r -> r.alias().equals(alias)).findFirst().orElseThrow();

        assertThat(info.policyType()).isEqualTo("tiered");
        assertThat(info.parameters()).containsEntry("defaultTier", "economy");
        assertThat(info.parameters().get("tiers")).isEqualTo(Map.of("economy", List.of(cheap),
                "premium", List.of(best)));
    }

    @Test
    void aMirrorReachesTheCatalogAndMustNameAModel() {
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("p")));
        String live = model(provider);
        String candidate = model(provider);
        String alias = unique("shadowed");
        createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}],
                 "parameters": {"mirror": {"modelId": "%s", "percent": 10}}}}""".formatted(alias, live, candidate));
        String unknown = java.util.UUID.randomUUID().toString();

        RouteInfo info = catalog().routes().stream().filter(r -> r.alias().equals(alias)).findFirst().orElseThrow();
        JsonNode refused = problem(admin().post().uri("/api/v1/routes").contentType(MediaType.APPLICATION_JSON)
                .body("""
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}],
                 "parameters": {"mirror": {"modelId": "%s", "percent": 10}}}}""".formatted(unique("x"), live, unknown))
                .exchange(), 400);

        assertThat(info.parameters()).isEqualTo(Map.of("mirror", Map.of("modelId", candidate, "percent", 10)));
        assertThat(refused.path("errors").findValuesAsString("field"))
                .containsExactly("policy.parameters.mirror.modelId");
    }

    @Test
    void validateChecksWithoutSaving() {
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("p")));
        String model = model(provider);
        String alias = unique("candidate");

        JsonNode valid = validate("""
                {"alias": "%s", "policy": {"type": "latency-aware", "targets": [{"modelId": "%s"}],
                 "parameters": {"maxQueueDepth": 8}}}""".formatted(alias, model));
        JsonNode invalid = validate("""
                {"alias": "%s", "policy": {"type": "cost-aware", "targets": [{"modelId": "%s"}],
                 "parameters": {"minQualityTier": "gold", "color": "red"}}}""".formatted(alias, model));

        assertThat(valid.path("valid").asBoolean()).isTrue();
        assertThat(valid.path("policy").path("parameters").path("maxQueueDepth").asInt()).isEqualTo(8);
        assertThat(invalid.path("valid").asBoolean()).isFalse();
        assertThat(invalid.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("policy.targets",
                "policy.parameters.minQualityTier", "policy.parameters.color");
        assertThat(read("/api/v1/routes?q=" + alias).path("total").asLong()).as("nothing was saved").isZero();
    }

    @Test
    void everyPolicyTypeHasAPublishedSchema() {
        String body = admin().get().uri("/api/v1/routes/policy-types").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode types = json(body);
        assertThat(types.valueStream().map(t -> t.path("type").asString()).toList())
                .containsExactly("static", "weighted", "fallback", "tiered", "cost-aware", "latency-aware", "complexity",
                        "semantic");
        assertThat(types.valueStream()).allSatisfy(type -> assertThat(
                type.path("schema").path("properties").path("type").path("const").asString())
                .isEqualTo(type.path("type").asString()));
    }

    private JsonNode validate(String json) {
        return json(admin().post().uri("/api/v1/routes:validate").contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private String model(String provider) {
        return createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 8192}"""
                .formatted(provider, unique("m")));
    }

    private CatalogSnapshot catalog() {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class);
    }
}
