package io.signalbox.registry.catalog;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PickerSettings;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the routing engine and the gateway need beyond the skeleton reaches the catalog and the key lookup. */
class CatalogAttributesTests extends RegistryIntegrationTest {

    @Test
    void modelPoolEndpointAndPriceAttributesReachTheCatalog() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai", "requestTimeoutMs": 30000, "requestsPerMinute": 10000}"""
                .formatted(unique("openai")));
        String name = unique("o3");
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "o3-2025-04-16", "contextWindow": 200000,
                 "capabilities": ["chat", "reasoning"], "family": "o3", "maxOutputTokens": 100000,
                 "qualityTier": "premium", "regions": ["us-east", "eu-west"]}""".formatted(provider, name));
        create("/api/v1/models/" + model + "/prices", """
                {"currency": "USD", "inputPerMillion": 2, "outputPerMillion": 8, "reasoningPerMillion": "8.5"}""");
        String pool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "eu-west", "hardwareProfile": "8xH100-80GB",
                 "loraAdapters": ["sql", "support"], "privatePool": true}""".formatted(unique("pool"), model));
        create("/api/v1/pools/" + pool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9501/v1", "metricsUrl": "http://127.0.0.1:9501/metrics"}""");

        CatalogSnapshot catalog = catalog();

        ModelInfo info = catalog.models().stream().filter(m -> m.id().equals(model)).findFirst().orElseThrow();
        assertThat(info.family()).isEqualTo("o3");
        assertThat(info.maxOutputTokens()).isEqualTo(100000);
        assertThat(info.qualityTier()).isEqualTo("premium");
        assertThat(info.regions()).containsExactly("us-east", "eu-west");
        assertThat(info.prices().getFirst().reasoningPerMillion()).isEqualByComparingTo("8.5");
        PoolInfo poolInfo = catalog.pools().stream().filter(p -> p.id().equals(pool)).findFirst().orElseThrow();
        assertThat(poolInfo.hardwareProfile()).isEqualTo("8xH100-80GB");
        assertThat(poolInfo.loraAdapters()).containsExactly("sql", "support");
        assertThat(poolInfo.privatePool()).isTrue();
        assertThat(poolInfo.endpoints().getFirst().metricsUrl()).isEqualTo("http://127.0.0.1:9501/metrics");
        assertThat(catalog.providers().stream().filter(p -> p.id().equals(provider)).findFirst().orElseThrow())
                .satisfies(p -> {
                    assertThat(p.requestTimeoutMillis()).isEqualTo(30000);
                    assertThat(p.requestsPerMinute()).isEqualTo(10000);
                    assertThat(p.connectTimeoutMillis()).isNull();
                });
    }

    @Test
    void deprecatedModelNeedsADateAndAnswersFitTheContext() {
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("p")));

        JsonNode problem = problem(admin().post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .body("""
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 1000,
                 "maxOutputTokens": 2000, "status": "deprecated", "qualityTier": "gold", "regions": ["EU West"]}"""
                        .formatted(provider, unique("m"))).exchange(), 400);
        JsonNode crossField = problem(admin().post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .body("""
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 1000,
                 "maxOutputTokens": 2000, "status": "deprecated"}""".formatted(provider, unique("m"))).exchange(), 400);
        JsonNode dated = create("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 1000,
                 "status": "deprecated", "deprecationDate": "2026-06-30"}""".formatted(provider, unique("m")));

        assertThat(problem.path("errors").findValuesAsString("field")).contains("qualityTier")
                .anyMatch(field -> field.startsWith("regions"));
        assertThat(crossField.path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("deprecationDate", "maxOutputTokens");
        assertThat(LocalDate.parse(dated.path("deprecationDate").asString())).isEqualTo("2026-06-30");
    }

    @Test
    void keyScopesAndKeyAndTeamLimitsReachTheGateway() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        String team = createId("/api/v1/teams", """
                {"tenantId": "%s", "name": "search", "requestsPerMinute": 600, "tokensPerMinute": 1000000}"""
                .formatted(tenant));
        JsonNode issued = create("/api/v1/keys", """
                {"teamId": "%s", "name": "bot", "allowedModels": ["smart", "gpt-4o-mini"], "requestsPerMinute": 60}"""
                .formatted(team));

        KeyIdentity identity = ContractJson.fromJson(internal().get()
                .uri("/internal/v1/keys/" + KeyHashes.sha256Hex(issued.path("key").asString())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), KeyIdentity.class);

        assertThat(identity.allowedModels()).isEqualTo(Set.of("smart", "gpt-4o-mini"));
        assertThat(identity.allows("o1")).isFalse();
        assertThat(identity.keyLimits()).isEqualTo(new RateLimits(60, null));
        assertThat(identity.teamLimits()).isEqualTo(new RateLimits(600, 1_000_000));
        assertThat(issued.path("allowedModels").valueStream().map(JsonNode::asString).toList())
                .containsExactly("gpt-4o-mini", "smart");
        assertThat(identity.tags()).isEqualTo(Map.of());
    }

    @Test
    void aPoolsPickerSettingsReachTheCatalogAndOutOfRangeValuesAreRefused() {
        String model = model(provider("openai-compatible"), "m");
        String pool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "eu-west",
                 "picker": {"prefixWeight": 0, "queueWeight": 4, "queueThreshold": 20}}"""
                .formatted(unique("pool"), model));
        JsonNode problem = problem(admin().post().uri("/api/v1/pools").contentType(MediaType.APPLICATION_JSON)
                .body("""
                {"name": "%s", "modelId": "%s", "region": "eu-west",
                 "picker": {"kvThreshold": 1.5, "loraWeight": -1}}""".formatted(unique("pool"), model)).exchange(), 400);

        assertThat(catalog().pools()).filteredOn(p -> p.id().equals(pool)).singleElement()
                .satisfies(p -> assertThat(p.picker()).isEqualTo(new PickerSettings(0.0, 4.0, null, null, 20.0, null)));
        assertThat(read("/api/v1/pools/" + pool).path("picker").path("queueThreshold").asDouble()).isEqualTo(20.0);
        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("picker.kvThreshold", "picker.loraWeight");
    }

    @Test
    void complexityAndSemanticRoutesAreStoredAndReachTheCatalog() {
        String provider = provider("openai");
        String small = model(provider, "small");
        String large = model(provider, "large");
        String complexity = createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "complexity", "targets": [{"modelId": "%s"}, {"modelId": "%s"}],
                 "parameters": {"scorer": "features", "tiers": {"economy": ["%s"], "premium": ["%s"]},
                                "thresholds": {"premium": 0.3}, "defaultTier": "economy"}}}"""
                .formatted(unique("adaptive"), small, large, small, large));
        String semantic = createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "semantic", "targets": [{"modelId": "%s"}, {"modelId": "%s"}],
                 "parameters": {"threshold": 0.4, "categories": [
                   {"name": "code", "examples": ["fix this stack trace"], "modelIds": ["%s"]}]}}}"""
                .formatted(unique("by-topic"), small, large, large));

        CatalogSnapshot catalog = catalog();

        assertThat(catalog.routes()).filteredOn(r -> r.id().equals(complexity)).singleElement().satisfies(r -> {
            assertThat(r.policyType()).isEqualTo("complexity");
            assertThat(r.parameters()).containsEntry("scorer", "features");
        });
        assertThat(catalog.routes()).filteredOn(r -> r.id().equals(semantic)).singleElement()
                .satisfies(r -> assertThat(r.policyType()).isEqualTo("semantic"));
    }

    @Test
    void tenantAndTeamAllowListsReachTheCatalogOnlyWhenSetAndAPutReplacesThem() {
        String restricted = createId("/api/v1/tenants", """
                {"name": "%s", "allowedModels": ["smart", "llama-3.1-8b", "smart"], "allowedRegions": ["eu-west"]}"""
                .formatted(unique("bank")));
        String open = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("startup")));
        String team = createId("/api/v1/teams", """
                {"tenantId": "%s", "name": "risk", "allowedModels": ["llama-3.1-8b"]}""".formatted(restricted));
        String unrestrictedTeam = createId("/api/v1/teams", """
                {"tenantId": "%s", "name": "ops"}""".formatted(restricted));

        CatalogSnapshot catalog = catalog();

        assertThat(catalog.tenants()).filteredOn(t -> t.id().equals(restricted)).singleElement().satisfies(t -> {
            assertThat(t.allowedModels()).as("sorted, without duplicates").containsExactly("llama-3.1-8b", "smart");
            assertThat(t.allowedRegions()).containsExactly("eu-west");
        });
        assertThat(catalog.tenants()).noneMatch(t -> t.id().equals(open));
        assertThat(catalog.teams()).filteredOn(t -> t.id().equals(team)).singleElement()
                .satisfies(t -> assertThat(t.allowedModels()).containsExactly("llama-3.1-8b"));
        assertThat(catalog.teams()).noneMatch(t -> t.id().equals(unrestrictedTeam));

        JsonNode lifted = json(put("/api/v1/tenants/" + restricted, etag("/api/v1/tenants/" + restricted),
                "{\"name\": \"%s\"}".formatted(unique("bank"))).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        assertThat(lifted.path("allowedModels").isEmpty()).as("a PUT without the lists lifts them").isTrue();
        assertThat(catalog().tenants()).noneMatch(t -> t.id().equals(restricted));
    }

    @Test
    void malformedAllowListsAreRefusedNamingTheField() {
        JsonNode problem = problem(admin().post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"%s\", \"allowedRegions\": [\"EU West\"], \"allowedModels\": [\"no spaces\"]}"
                        .formatted(unique("t"))).exchange(), 400);

        assertThat(problem.path("errors").findValuesAsString("field"))
                .anyMatch(field -> field.startsWith("allowedRegions"))
                .anyMatch(field -> field.startsWith("allowedModels"));
    }

    private String provider(String kind) {
        return createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"%s\"}".formatted(unique("p"), kind));
    }

    /** A plain model of the provider, named {@code base} plus a unique suffix. */
    private String model(String provider, String base) {
        return createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "%s", "contextWindow": 8192}"""
                .formatted(provider, unique(base), base));
    }

    private CatalogSnapshot catalog() {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class);
    }
}
