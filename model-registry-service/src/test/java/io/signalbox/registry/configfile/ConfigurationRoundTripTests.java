package io.signalbox.registry.configfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Export, import under new names, export again: the same configuration, except for secrets. */
class ConfigurationRoundTripTests extends RegistryIntegrationTest {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private static final String SECRET = "sk-round-trip-secret-31337";

    @Test
    void exportImportExportIsLosslessExceptForSecrets() {
        String a = unique("rta");
        String b = unique("rtb");
        seed(a);
        String exported = export();
        Map<String, Object> original = subset(load(exported), a);

        String renamed = new Yaml().dump(original).replace(a, b);
        JsonNode dry = importConfig(renamed, "?dryRun=true");
        assertThat(subset(load(export()), b).values()).as("a dry run stores nothing")
                .allSatisfy(section -> assertThat(section).isIn(List.of(), "signalbox.io/v1", "RegistryConfiguration"));
        JsonNode applied = importConfig(renamed, "");
        JsonNode again = importConfig(renamed, "");
        Map<String, Object> copy = load(new Yaml().dump(subset(load(export()), b)).replace(b, a));

        assertThat(exported).doesNotContain(SECRET);
        assertThat(copy).isEqualTo(original);
        assertThat(dry.path("created")).isEqualTo(applied.path("created"));
        assertThat(applied.path("created").findValuesAsString("entity")).contains("provider", "model", "price",
                "pool", "endpoint", "route", "tenant", "team", "price-adjustment");
        Map<?, ?> tenant = (Map<?, ?>) ((List<?>) original.get("tenants")).getFirst();
        assertThat((List<?>) tenant.get("priceAdjustments")).as("by start; provider and model by name, not id")
                .extracting(Object::toString).containsExactly(
                        "{percent=-5.0000, effectiveFrom=2025-12-01T00:00:00Z, note=volume discount}",
                        "{provider=rt-provider-" + a + ", percent=-12.5000, effectiveFrom=2026-01-01T00:00:00Z, "
                                + "effectiveTo=2027-01-01T00:00:00Z}",
                        "{model=rt-small-" + a + ", percent=3.2500, effectiveFrom=2026-02-01T00:00:00Z}");
        assertThat(again.path("created").size()).as("a second import changes nothing").isZero();
        assertThat(again.path("updated").size()).isZero();
    }

    @Test
    void importUpdatesWhatDiffersAndRefusesDanglingReferences() {
        String a = unique("rtc");
        seed(a);
        String document = new Yaml().dump(subset(load(export()), a));

        JsonNode changed = importConfig(document.replace("requestsPerMinute: 600", "requestsPerMinute: 900"), "");
        String dangling = document.replace("model: rt-large-" + a, "model: no-such-model");
        JsonNode problem = problem(admin().post().uri("/api/v1/config/import").contentType(YAML).body(dangling)
                .exchange(), 400);

        assertThat(changed.path("updated").valueStream().map(c -> c.path("entity").asString()).toList())
                .containsExactly("team");
        assertThat(problem.path("errors").findValuesAsString("message").getFirst()).contains("no-such-model");
        assertThat(read("/api/v1/teams?q=ml").path("items").valueStream()
                .filter(team -> team.path("requestsPerMinute").asInt() == 900).count()).isEqualTo(1);
    }

    @Test
    void anAllowListThatIsNotAListOfNamesIsRefusedRatherThanLifted() {
        String name = unique("rt-strict");
        String notAList = """
                apiVersion: signalbox.io/v1
                kind: RegistryConfiguration
                tenants:
                  - name: %s
                    allowedModels: smart
                """.formatted(name);
        String badRegion = notAList.replace("allowedModels: smart", "allowedRegions: [EU West]");

        JsonNode listProblem = problem(admin().post().uri("/api/v1/config/import").contentType(YAML).body(notAList)
                .exchange(), 400);
        JsonNode regionProblem = problem(admin().post().uri("/api/v1/config/import").contentType(YAML).body(badRegion)
                .exchange(), 400);

        assertThat(listProblem.path("errors").findValuesAsString("message").getFirst())
                .contains("allowedModels must be a list");
        assertThat(regionProblem.path("errors").findValuesAsString("message").getFirst())
                .contains("allowedRegions has an invalid entry 'EU West'");
        assertThat(read("/api/v1/tenants?q=" + name).path("items").isEmpty()).as("nothing was stored").isTrue();
    }

    @Test
    void aPriceAdjustmentNamingAnUnknownProviderOrOutOfBoundsIsRefused() {
        String name = unique("rt-negotiated");
        String unknownProvider = """
                apiVersion: signalbox.io/v1
                kind: RegistryConfiguration
                tenants:
                  - name: %s
                    priceAdjustments:
                      - provider: no-such-provider
                        percent: "-5"
                        effectiveFrom: "2026-01-01T00:00:00Z"
                """.formatted(name);
        String outOfBounds = """
                apiVersion: signalbox.io/v1
                kind: RegistryConfiguration
                tenants:
                  - name: %s
                    priceAdjustments:
                      - percent: -150
                        effectiveFrom: "2026-01-01T00:00:00Z"
                """.formatted(name);

        JsonNode providerProblem = problem(admin().post().uri("/api/v1/config/import").contentType(YAML)
                .body(unknownProvider).exchange(), 400);
        JsonNode percentProblem = problem(admin().post().uri("/api/v1/config/import").contentType(YAML).body(outOfBounds)
                .exchange(), 400);

        assertThat(providerProblem.path("errors").findValuesAsString("message").getFirst())
                .contains("names the unknown provider 'no-such-provider'");
        assertThat(percentProblem.path("errors").findValuesAsString("field").getFirst())
                .isEqualTo("priceAdjustments[" + name + "/*@2026-01-01T00:00:00Z]");
        assertThat(percentProblem.path("errors").findValuesAsString("message").getFirst())
                .contains("percent must be greater than -100 and at most 1000");
        assertThat(read("/api/v1/tenants?q=" + name).path("items").isEmpty()).as("nothing was stored").isTrue();
    }

    @Test
    void providerResilienceOutsideItsBoundsIsRefused() {
        String name = unique("rt-fragile");
        String document = """
                apiVersion: signalbox.io/v1
                kind: RegistryConfiguration
                providers:
                  - name: %s
                    kind: openai
                    resilience: {attemptsPerTarget: 3, circuitBreaker: {failureRatePercent: 120}}
                """.formatted(name);
        String fractional = document.replace("attemptsPerTarget: 3", "attemptsPerTarget: 2.5");

        JsonNode outOfBounds = problem(admin().post().uri("/api/v1/config/import").contentType(YAML).body(document)
                .exchange(), 400);
        JsonNode notWhole = problem(admin().post().uri("/api/v1/config/import").contentType(YAML).body(fractional)
                .exchange(), 400);

        assertThat(outOfBounds.path("errors").findValuesAsString("message").getFirst())
                .contains("circuitBreaker.failureRatePercent must be between 1 and 100, was 120");
        assertThat(notWhole.path("errors").findValuesAsString("message").getFirst())
                .contains("attemptsPerTarget must be a whole number");
        assertThat(read("/api/v1/providers?q=" + name).path("items").isEmpty()).as("nothing was stored").isTrue();
    }

    private void seed(String suffix) {
        String provider = createId("/api/v1/providers", """
                {"name": "rt-provider-%s", "kind": "openai-compatible", "baseUrl": "http://127.0.0.1:9700/v1",
                 "requestTimeoutMs": 30000, "credentials": {"apiKey": "%s"},
                 "resilience": {"firstByteTimeoutMs": 8000, "attemptsPerTarget": 3,
                                "circuitBreaker": {"failureRatePercent": 40, "openForMs": 15000}}}"""
                .formatted(suffix, SECRET));
        String small = createId("/api/v1/models", """
                {"providerId": "%s", "name": "rt-small-%s", "upstreamModel": "small", "contextWindow": 32768,
                 "maxOutputTokens": 4096, "capabilities": ["chat", "tools"], "family": "rt", "qualityTier": "economy",
                 "regions": ["eu-west"]}""".formatted(provider, suffix));
        String large = createId("/api/v1/models", """
                {"providerId": "%s", "name": "rt-large-%s", "upstreamModel": "large", "contextWindow": 131072,
                 "status": "deprecated", "deprecationDate": "2027-03-31"}""".formatted(provider, suffix));
        create("/api/v1/models/" + small + "/prices", """
                {"currency": "USD", "inputPerMillion": "0.1", "outputPerMillion": "0.4",
                 "effectiveFrom": "2026-01-01T00:00:00Z"}""");
        create("/api/v1/models/" + small + "/prices", """
                {"currency": "USD", "inputPerMillion": "0.08", "outputPerMillion": "0.32", "cachedInputPerMillion": "0.02",
                 "reasoningPerMillion": "0.5", "effectiveFrom": "2026-06-01T00:00:00Z"}""");
        String pool = createId("/api/v1/pools", """
                {"name": "rt-pool-%s", "modelId": "%s", "region": "eu-west", "hardwareProfile": "2xL4",
                 "loraAdapters": ["sql"], "privatePool": true, "picker": {"prefixWeight": 5, "kvThreshold": 0.8}}"""
                .formatted(suffix, small));
        create("/api/v1/pools/" + pool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9701/v1", "metricsUrl": "http://127.0.0.1:9701/metrics", "weight": 3}""");
        create("/api/v1/pools/" + pool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9702/v1", "region": "eu-central", "state": "draining"}""");
        createId("/api/v1/routes", """
                {"alias": "rt-static-%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}],
                 "parameters": {"mirror": {"modelId": "%s", "percent": 5}}}}"""
                .formatted(suffix, small, large));
        createId("/api/v1/routes", """
                {"alias": "rt-tiered-%s", "policy": {"type": "tiered",
                 "targets": [{"modelId": "%s"}, {"modelId": "%s", "weight": 2}],
                 "parameters": {"tiers": {"economy": ["%s"], "premium": ["%s"]}, "defaultTier": "economy",
                                "constraints": {"regions": ["eu-west"]}}}}""".formatted(suffix, small, large, small,
                large));
        String tenant = createId("/api/v1/tenants", """
                {"name": "rt-tenant-%s", "allowedModels": ["rt-static-%s", "rt-small-%s"],
                 "allowedRegions": ["eu-west"]}""".formatted(suffix, suffix, suffix));
        createId("/api/v1/teams", """
                {"tenantId": "%s", "name": "ml", "requestsPerMinute": 600, "allowedModels": ["rt-small-%s"]}"""
                .formatted(tenant, suffix));
        String adjustments = "/api/v1/tenants/" + tenant + "/price-adjustments";
        createId(adjustments, """
                {"percent": -5, "effectiveFrom": "2025-12-01T00:00:00Z", "note": "volume discount"}""");
        createId(adjustments, """
                {"providerId": "%s", "percent": "-12.5", "effectiveFrom": "2026-01-01T00:00:00Z",
                 "effectiveTo": "2027-01-01T00:00:00Z"}""".formatted(provider));
        createId(adjustments, """
                {"modelId": "%s", "percent": "3.25", "effectiveFrom": "2026-02-01T00:00:00Z"}""".formatted(small));
    }

    private String export() {
        String yaml = admin().get().uri("/api/v1/config/export").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(YAML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(yaml).doesNotContain("&id").doesNotContain("!!");
        return yaml;
    }

    private JsonNode importConfig(String yaml, String query) {
        return json(admin().post().uri("/api/v1/config/import" + query).contentType(YAML).body(yaml).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    /** The document with only the entries that mention {@code suffix}. */
    private static Map<String, Object> subset(Map<String, Object> document, String suffix) {
        Map<String, Object> subset = new LinkedHashMap<>();
        document.forEach((key, value) -> subset.put(key, value instanceof List<?> list
                ? list.stream().filter(entry -> entry.toString().contains(suffix)).toList() : value));
        return subset;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }
}
