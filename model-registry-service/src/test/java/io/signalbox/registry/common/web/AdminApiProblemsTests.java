package io.signalbox.registry.common.web;

import java.util.UUID;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What an admin sees when a request is wrong: status, a stable problem type, and which fields to fix. */
class AdminApiProblemsTests extends RegistryIntegrationTest {

    static final String VALIDATION_FAILED = "https://signalbox.io/problems/validation-failed";

    static final String NOT_FOUND = "https://signalbox.io/problems/not-found";

    static final String ALREADY_EXISTS = "https://signalbox.io/problems/already-exists";

    @Test
    void invalidProviderNamesEveryBadField() {
        JsonNode problem = problem(post("/api/v1/providers", """
                {"name": " ", "kind": "openai-ish", "baseUrl": "ftp://example.com"}"""), 400);

        assertThat(problem.path("type").asString()).isEqualTo(VALIDATION_FAILED);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("baseUrl", "kind", "name");
        assertThat(problem.path("errors").findValuesAsString("message"))
                .contains("must be one of openai, azure-openai, anthropic, bedrock, vertex, openai-compatible");
    }

    @Test
    void invalidModelFieldsAreNamedByTheirJsonPath() {
        JsonNode problem = problem(post("/api/v1/models", """
                {"providerId": "%s", "name": "has space", "upstreamModel": "x", "contextWindow": 0,
                 "capabilities": ["chat", "telepathy"], "status": "retired"}""".formatted(UUID.randomUUID())), 400);

        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactly("capabilities[1]", "contextWindow", "name", "status");
    }

    @Test
    void aValueOfTheWrongTypeIsAFieldError() {
        JsonNode problem = problem(post("/api/v1/models", """
                {"providerId": "not-a-uuid", "name": "m", "upstreamModel": "m", "contextWindow": 1}"""), 400);

        assertThat(problem.path("type").asString()).isEqualTo(VALIDATION_FAILED);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("providerId");
    }

    @Test
    void bodyThatIsNotJsonIsAMalformedRequest() {
        JsonNode problem = problem(post("/api/v1/tenants", "{\"name\": "), 400);

        assertThat(problem.path("type").asString()).isEqualTo("https://signalbox.io/problems/malformed-request");
    }

    @Test
    void unknownParentIsNotFound() {
        UUID missing = UUID.randomUUID();

        JsonNode problem = problem(post("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "m", "contextWindow": 8192}"""
                .formatted(missing, unique("orphan"))), 404);

        assertThat(problem.path("type").asString()).isEqualTo(NOT_FOUND);
        assertThat(problem.path("entity").asString()).isEqualTo("provider");
        assertThat(problem.path("detail").asString()).contains(missing.toString());
        assertThat(problem(post("/api/v1/pools/" + missing + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9001/v1"}"""), 404).path("entity").asString()).isEqualTo("pool");
        assertThat(problem(post("/api/v1/teams", """
                {"tenantId": "%s", "name": "search"}""".formatted(missing)), 404).path("entity").asString())
                .isEqualTo("tenant");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/api/v1/providers/", "/api/v1/models/", "/api/v1/pools/", "/api/v1/routes/",
            "/api/v1/tenants/", "/api/v1/teams/", "/api/v1/keys/" })
    void unknownOrMalformedIdIsNotFound(String collection) {
        problem(admin().get().uri(collection + UUID.randomUUID()).exchange(), 404);
        assertThat(problem(admin().get().uri(collection + "not-an-id").exchange(), 404).path("type").asString())
                .isEqualTo(NOT_FOUND);
    }

    @Test
    void takenNamesAreConflicts() {
        String name = unique("acme");
        createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(name));

        JsonNode problem = problem(post("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(name)), 409);

        assertThat(problem.path("type").asString()).isEqualTo(ALREADY_EXISTS);
        assertThat(problem.path("entity").asString()).isEqualTo("tenant");
        assertThat(problem.path("field").asString()).isEqualTo("name");
    }

    @Test
    void teamNamesAreUniquePerTenantOnly() {
        String acme = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        String globex = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("globex")));
        createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"search\"}".formatted(acme));
        createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"search\"}".formatted(globex));

        problem(post("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"search\"}".formatted(acme)), 409);
        assertThat(read("/api/v1/teams?tenantId=" + acme).path("items").findValuesAsString("tenantId"))
                .containsExactly(acme);
    }

    @Test
    void modelNamesAndRouteAliasesShareOneNamespace() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "anthropic"}""".formatted(unique("anthropic")));
        String modelName = unique("claude");
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "claude-x", "contextWindow": 200000}"""
                .formatted(provider, modelName));
        String alias = unique("smart");
        createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}""".formatted(alias, model));

        JsonNode aliasTaken = problem(post("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}"""
                .formatted(modelName, model)), 409);
        JsonNode nameTaken = problem(post("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "claude-x", "contextWindow": 200000}"""
                .formatted(provider, alias)), 409);

        assertThat(aliasTaken.path("detail").asString()).contains("is a model name");
        assertThat(nameTaken.path("detail").asString()).contains("is a route alias");
        assertThat(problem(post("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}"""
                .formatted(alias, model)), 409).path("field").asString()).isEqualTo("alias");
    }

    @Test
    void routeTargetsMustBeExistingModelsWithPositiveWeights() {
        UUID missing = UUID.randomUUID();

        JsonNode shape = problem(post("/api/v1/routes", """
                {"alias": "Bad Alias", "policy": {"type": "weighted", "targets": [{"modelId": "%s", "weight": 0}]}}"""
                .formatted(missing)), 400);
        JsonNode unknownModel = problem(post("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "weighted", "targets": [{"modelId": "%s", "weight": 10}]}}"""
                .formatted(unique("auto"), missing)), 400);
        JsonNode noPolicy = problem(post("/api/v1/routes", "{\"alias\": \"auto\"}"), 400);

        assertThat(shape.path("errors").findValuesAsString("field"))
                .containsExactly("alias", "policy.targets[0].weight");
        assertThat(unknownModel.path("errors").findValuesAsString("field")).containsExactly("policy.targets[0].modelId");
        assertThat(unknownModel.path("errors").findValuesAsString("message").getFirst()).contains(missing.toString());
        assertThat(noPolicy.path("errors").findValuesAsString("field")).containsExactly("policy");
    }

    @Test
    void pricesAreExactNonNegativeAndOnePerInstant() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "bedrock"}""".formatted(unique("bedrock")));
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "nova", "contextWindow": 300000}"""
                .formatted(provider, unique("nova")));
        String prices = "/api/v1/models/" + model + "/prices";
        JsonNode defaults = create(prices, """
                {"currency": "USD", "inputPerMillion": 0.06, "outputPerMillion": "0.24",
                 "effectiveFrom": "2026-02-01T00:00:00Z"}""");

        JsonNode invalid = problem(post(prices, """
                {"currency": "usd", "inputPerMillion": -1, "outputPerMillion": "0.0000001"}"""), 400);
        JsonNode notANumber = problem(post(prices, """
                {"currency": "USD", "inputPerMillion": "cheap", "outputPerMillion": 1}"""), 400);
        JsonNode sameInstant = problem(post(prices, """
                {"currency": "USD", "inputPerMillion": 1, "outputPerMillion": 1, "effectiveFrom": "2026-02-01T00:00:00Z"}"""),
                409);

        assertThat(defaults.path("cachedInputPerMillion").decimalValue()).isEqualByComparingTo("0.06");
        assertThat(invalid.path("errors").findValuesAsString("field"))
                .containsExactly("currency", "inputPerMillion", "outputPerMillion");
        assertThat(notANumber.path("errors").findValuesAsString("field")).containsExactly("inputPerMillion");
        assertThat(sameInstant.path("field").asString()).isEqualTo("effectiveFrom");
    }

    @Test
    void priceAtAnInstantIsTheLatestThatHadTakenEffect() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "anthropic"}""".formatted(unique("anthropic")));
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "c", "contextWindow": 1000}"""
                .formatted(provider, unique("claude")));
        String prices = "/api/v1/models/" + model + "/prices";
        create(prices, """
                {"currency": "USD", "inputPerMillion": 3, "outputPerMillion": 15, "effectiveFrom": "2026-01-01T00:00:00Z"}""");
        create(prices, """
                {"currency": "USD", "inputPerMillion": 2, "outputPerMillion": 10, "effectiveFrom": "2026-03-01T00:00:00Z"}""");

        assertThat(read(prices + "/at?instant=2026-02-15T00:00:00Z").path("inputPerMillion").decimalValue())
                .isEqualByComparingTo("3");
        assertThat(read(prices + "/at?instant=2026-03-01T00:00:00Z").path("inputPerMillion").decimalValue())
                .as("a price applies from its first instant").isEqualByComparingTo("2");
        assertThat(problem(admin().get().uri(prices + "/at?instant=2025-12-31T23:59:59Z").exchange(), 404)
                .path("entity").asString()).isEqualTo("price");
        assertThat(problem(admin().get().uri(prices + "/at?instant=yesterday").exchange(), 400)
                .path("errors").findValuesAsString("field")).containsExactly("instant");
    }

    @Test
    void endpointsDefaultToThePoolRegionAndAreUniquePerPool() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai-compatible", "baseUrl": "http://127.0.0.1:9000/v1"}"""
                .formatted(unique("vllm")));
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "qwen", "contextWindow": 32768}"""
                .formatted(provider, unique("qwen")));
        String pool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "ap-south"}""".formatted(unique("pool"), model));
        JsonNode endpoint = create("/api/v1/pools/" + pool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9101/v1"}""");

        JsonNode duplicate = problem(post("/api/v1/pools/" + pool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9101/v1"}"""), 409);
        JsonNode invalid = problem(post("/api/v1/pools/" + pool + "/endpoints", """
                {"baseUrl": "127.0.0.1:9102", "weight": 0, "state": "sleeping"}"""), 400);

        assertThat(endpoint.path("region").asString()).isEqualTo("ap-south");
        assertThat(endpoint.path("weight").asInt()).isEqualTo(1);
        assertThat(endpoint.path("state").asString()).isEqualTo("active");
        assertThat(duplicate.path("field").asString()).isEqualTo("baseUrl");
        assertThat(invalid.path("errors").findValuesAsString("field")).containsExactly("baseUrl", "state", "weight");
    }

    @Test
    void malformedFilterIsAFieldError() {
        JsonNode problem = problem(admin().get().uri("/api/v1/teams?tenantId=acme").exchange(), 400);

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("tenantId");
    }

    @Test
    void pageSizeIsBounded() {
        JsonNode problem = problem(admin().get().uri("/api/v1/models?size=0").exchange(), 400);

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("size");
    }

    @Test
    void adminApiNeedsTheAdminToken() {
        JsonNode missing = problem(http.get().uri("/api/v1/providers").exchange(), 401);
        problem(internal().get().uri("/api/v1/providers").exchange(), 401);
        problem(http.post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"sneaky\"}").exchange(), 401);

        assertThat(missing.path("type").asString()).isEqualTo("https://signalbox.io/problems/unauthorized");
        assertThat(read("/api/v1/tenants").path("items").findValuesAsString("name")).doesNotContain("sneaky");
    }

    @Test
    void internalApiNeedsTheInternalOrAdminToken() {
        problem(http.get().uri("/internal/v1/catalog").exchange(), 401);
        http.get().uri("/internal/v1/catalog").header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token-0123456789")
                .exchange().expectStatus().isUnauthorized();
        internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk();
        admin().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec post(String path, String json) {
        return admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
    }
}
