package io.signalbox.registry.tenant;

import java.time.Duration;
import java.util.List;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.RegistryIntegrationTest;
import io.signalbox.registry.RegistryTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's negotiated discounts and markups: admin API, audit, change events and the catalog routing reads. */
class PriceAdjustmentApiTests extends RegistryIntegrationTest {

    @Test
    void anAdjustmentIsCreatedChangedAndDeletedAndEachChangeReachesTheCatalogAndTheAuditLog() {
        Fixture fixture = fixture();
        String path = "/api/v1/tenants/" + fixture.tenant() + "/price-adjustments";
        long versionBefore = catalog().version();

        try (RegistryTopic topic = new RegistryTopic()) {
            JsonNode wide = create(path, """
                    {"percent": -5, "effectiveFrom": "2025-12-01T00:00:00Z", "note": "  volume discount  "}""");
            JsonNode provider = create(path, """
                    {"providerId": "%s", "percent": "-12.5", "effectiveFrom": "2026-01-01T00:00:00Z"}"""
                    .formatted(fixture.provider()));
            JsonNode model = create(path, """
                    {"modelId": "%s", "percent": "7.25", "effectiveFrom": "2026-03-01T00:00:00Z",
                     "effectiveTo": "2026-04-01T00:00:00Z"}""".formatted(fixture.model()));

            assertThat(wide.path("scope").asString()).isEqualTo("tenant");
            assertThat(wide.path("note").asString()).isEqualTo("volume discount");
            assertThat(provider.path("scope").asString()).isEqualTo("provider");
            assertThat(provider.path("percent").decimalValue()).isEqualByComparingTo("-12.5");
            assertThat(model.path("scope").asString()).isEqualTo("model");
            assertThat(model.path("effectiveTo").asString()).isEqualTo("2026-04-01T00:00:00Z");
            assertThat(topic.nextWith(provider.path("id").asString(), "price-adjustment", Duration.ofSeconds(30)))
                    .as("announced like any registry change").isNotNull();
        }
        CatalogSnapshot catalog = catalog();
        assertThat(catalog.version()).isGreaterThanOrEqualTo(versionBefore + 3);
        TenantInfo tenant = catalog.tenants().stream().filter(t -> t.id().equals(fixture.tenant())).findFirst()
                .orElseThrow(() -> new AssertionError("an unrestricted tenant with adjustments is in the catalog"));
        assertThat(tenant.priceAdjustments()).extracting(PriceAdjustment::scope, a -> a.percent().toPlainString(),
                PriceAdjustment::providerId, PriceAdjustment::modelId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PriceAdjustment.Scope.TENANT, "-5.0000", null, null),
                        org.assertj.core.groups.Tuple.tuple(PriceAdjustment.Scope.PROVIDER, "-12.5000",
                                fixture.provider(), null),
                        org.assertj.core.groups.Tuple.tuple(PriceAdjustment.Scope.MODEL, "7.2500", null,
                                fixture.model()));
        assertThat(read(path).path("items").valueStream().map(item -> item.path("scope").asString()).toList())
                .as("listed by start").containsExactly("tenant", "provider", "model");

        String id = read(path).path("items").get(1).path("id").asString();
        JsonNode changed = json(put(path + "/" + id, etag(path + "/" + id), """
                {"providerId": "%s", "percent": "-15", "effectiveFrom": "2026-01-01T00:00:00Z",
                 "effectiveTo": "2027-01-01T00:00:00Z"}""".formatted(fixture.provider())).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(changed.path("percent").decimalValue()).isEqualByComparingTo("-15");
        assertThat(catalogAdjustment(fixture.tenant(), id).percent()).isEqualByComparingTo("-15");
        assertThat(catalogAdjustment(fixture.tenant(), id).effectiveTo()).hasToString("2027-01-01T00:00:00Z");

        delete(path + "/" + id, null).expectStatus().isNoContent();
        problem(admin().get().uri(path + "/" + id).exchange(), 404);
        JsonNode log = read("/api/v1/audit?entity=price-adjustment&entityId=" + id);
        assertThat(log.path("items").valueStream().map(entry -> entry.path("operation").asString()).toList())
                .containsExactly("DELETED", "UPDATED", "CREATED");
        JsonNode update = log.path("items").get(1);
        assertThat(update.path("before").path("percent").asString()).isEqualTo("-12.5000");
        assertThat(update.path("after").path("percent").asString()).isEqualTo("-15.0000");
        assertThat(catalog().tenants()).filteredOn(t -> t.id().equals(fixture.tenant())).singleElement()
                .satisfies(t -> assertThat(t.priceAdjustments()).hasSize(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no percent                   | {"effectiveFrom": "2026-01-01T00:00:00Z"}                                      | percent
            a discount of 100 %          | {"percent": -100}                                                              | percent
            more than a 1000 % markup    | {"percent": "1000.0001"}                                                       | percent
            five decimal places          | {"percent": "-12.12345"}                                                       | percent
            an end before the start      | {"percent": 5, "effectiveFrom": "2026-02-01T00:00:00Z", "effectiveTo": "2026-01-01T00:00:00Z"} | effectiveTo
            provider and model           | {"percent": 5, "providerId": "PROVIDER", "modelId": "MODEL"}                   | modelId
            an unknown provider          | {"percent": 5, "providerId": "00000000-0000-0000-0000-000000000001"}           | providerId
            an unknown model             | {"percent": 5, "modelId": "00000000-0000-0000-0000-000000000001"}              | modelId
            a note too long              | {"percent": 5, "note": "LONG"}                                                 | note
            """)
    void anInvalidAdjustmentIsRefusedNamingTheField(String what, String body, String field) {
        Fixture fixture = fixture();

        JsonNode problem = problem(admin().post().uri("/api/v1/tenants/" + fixture.tenant() + "/price-adjustments")
                .contentType(MediaType.APPLICATION_JSON).body(body.replace("PROVIDER", fixture.provider())
                        .replace("MODEL", fixture.model()).replace("LONG", "x".repeat(501))).exchange(), 400);

        assertThat(problem.path("type").asString()).isEqualTo("https://signalbox.io/problems/validation-failed");
        assertThat(problem.path("errors").findValuesAsString("field")).containsOnly(field);
        assertThat(read("/api/v1/tenants/" + fixture.tenant() + "/price-adjustments").path("total").asLong())
                .as("nothing stored").isZero();
    }

    @Test
    void conflictsAndMissingParentsAreAnsweredPrecisely() {
        Fixture fixture = fixture();
        String path = "/api/v1/tenants/" + fixture.tenant() + "/price-adjustments";
        String id = createId(path, """
                {"providerId": "%s", "percent": -10, "effectiveFrom": "2026-01-01T00:00:00Z"}""".formatted(fixture.provider()));

        JsonNode twin = problem(admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).body("""
                {"providerId": "%s", "percent": -20, "effectiveFrom": "2026-01-01T00:00:00Z"}"""
                .formatted(fixture.provider())).exchange(), 409);
        JsonNode noTenant = problem(admin().post().uri("/api/v1/tenants/00000000-0000-0000-0000-000000000002"
                + "/price-adjustments").contentType(MediaType.APPLICATION_JSON).body("{\"percent\": 5}").exchange(), 404);
        JsonNode otherTenants = problem(admin().get().uri("/api/v1/tenants/" + fixture().tenant()
                + "/price-adjustments/" + id).exchange(), 404);
        JsonNode withoutIfMatch = problem(put(path + "/" + id, null, "{\"percent\": 5}"), 428);
        JsonNode stale = problem(put(path + "/" + id, "\"7\"", "{\"percent\": 5}"), 412);

        assertThat(twin.path("type").asString()).isEqualTo("https://signalbox.io/problems/already-exists");
        assertThat(twin.path("field").asString()).isEqualTo("effectiveFrom");
        assertThat(twin.path("detail").asString()).contains("for provider " + fixture.provider()).contains(id);
        assertThat(noTenant.path("entity").asString()).isEqualTo("tenant");
        assertThat(otherTenants.path("entity").asString()).as("a rule is only found under its own tenant")
                .isEqualTo("price-adjustment");
        assertThat(withoutIfMatch.path("type").asString()).isEqualTo("https://signalbox.io/problems/if-match-required");
        assertThat(stale.path("currentRevision").asLong()).isZero();
    }

    @Test
    void whatARuleNamesIsNotDeletedFromUnderIt() {
        Fixture fixture = fixture();
        createId("/api/v1/tenants/" + fixture.tenant() + "/price-adjustments", """
                {"modelId": "%s", "percent": 3}""".formatted(fixture.model()));
        String otherProvider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("adj-p")));
        createId("/api/v1/tenants/" + fixture.tenant() + "/price-adjustments", """
                {"providerId": "%s", "percent": 3}""".formatted(otherProvider));

        JsonNode tenant = problem(delete("/api/v1/tenants/" + fixture.tenant(), null), 409);
        JsonNode model = problem(delete("/api/v1/models/" + fixture.model(), null), 409);
        JsonNode provider = problem(delete("/api/v1/providers/" + otherProvider, null), 409);

        assertThat(List.of(tenant, model, provider)).allSatisfy(answer -> {
            assertThat(answer.path("type").asString()).isEqualTo("https://signalbox.io/problems/in-use");
            assertThat(answer.path("usedBy").asString()).isEqualTo("price-adjustment");
        });
    }

    @Test
    void financeReadsAdjustmentsButOnlyAnAdminWritesThem() {
        Fixture fixture = fixture();
        String path = "/api/v1/tenants/" + fixture.tenant() + "/price-adjustments";
        createId(path, "{\"percent\": -1}");

        withToken(FINANCE_TOKEN).get().uri(path).exchange().expectStatus().isOk();
        withToken(FINANCE_TOKEN).post().uri(path).contentType(MediaType.APPLICATION_JSON).body("{\"percent\": -2}")
                .exchange().expectStatus().isForbidden();
        withToken(VIEWER_TOKEN).post().uri(path).contentType(MediaType.APPLICATION_JSON).body("{\"percent\": -2}")
                .exchange().expectStatus().isForbidden();
    }

    private PriceAdjustment catalogAdjustment(String tenantId, String id) {
        return catalog().tenants().stream().filter(t -> t.id().equals(tenantId))
                .flatMap(t -> t.priceAdjustments().stream()).filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private CatalogSnapshot catalog() {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class);
    }

    private Fixture fixture() {
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai-compatible\"}"
                .formatted(unique("adj-provider")));
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "m", "contextWindow": 8192}"""
                .formatted(provider, unique("adj-model")));
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("adj-tenant")));
        return new Fixture(provider, model, tenant);
    }

    private record Fixture(String provider, String model, String tenant) {
    }
}
