package io.signalbox.registry.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The demo catalog, created through the admin API and read back as routing-service reads it. */
class CatalogApiTests extends RegistryIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void demoCatalogCreatedThroughTheAdminApiIsServedAsOneSnapshot() {
        long versionBefore = catalog().version();

        String providerName = unique("self-hosted");
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai-compatible"}""".formatted(providerName));
        String smallName = unique("llama-3.1-8b");
        String small = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "meta-llama/Llama-3.1-8B-Instruct",
                 "contextWindow": 131072, "capabilities": ["chat", "tools"]}""".formatted(provider, smallName));
        String large = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "meta-llama/Llama-3.1-70B-Instruct",
                 "contextWindow": 131072, "capabilities": ["chat", "tools", "json_schema"], "status": "active"}"""
                .formatted(provider, unique("llama-3.1-70b")));
        // The newer price is added first: the catalog still lists prices oldest first.
        String smallJune = createId("/api/v1/models/" + small + "/prices", """
                {"currency": "USD", "inputPerMillion": 0.10, "outputPerMillion": "0.40",
                 "effectiveFrom": "2026-06-01T00:00:00Z"}""");
        String smallJanuary = createId("/api/v1/models/" + small + "/prices", """
                {"currency": "USD", "inputPerMillion": "0.15", "outputPerMillion": 0.60, "cachedInputPerMillion": "0.075",
                 "effectiveFrom": "2026-01-01T00:00:00Z"}""");
        String largePrice = createId("/api/v1/models/" + large + "/prices", """
                {"currency": "USD", "inputPerMillion": "0.90", "outputPerMillion": "0.90",
                 "effectiveFrom": "2026-01-01T00:00:00Z"}""");
        String smallPool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "eu-west"}""".formatted(unique("small"), small));
        String largePool = createId("/api/v1/pools", """
                {"name": "%s", "modelId": "%s", "region": "us-east"}""".formatted(unique("large"), large));
        String endpoint1 = createId("/api/v1/pools/" + smallPool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9001/v1"}""");
        String endpoint2 = createId("/api/v1/pools/" + smallPool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9002/v1", "region": "eu-central", "weight": 3, "state": "draining"}""");
        String endpoint3 = createId("/api/v1/pools/" + largePool + "/endpoints", """
                {"baseUrl": "http://127.0.0.1:9003/v1", "weight": 1, "state": "active"}""");
        String autoAlias = unique("auto");
        String auto = createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "weighted",
                  "targets": [{"modelId": "%s", "weight": 80}, {"modelId": "%s", "weight": 20}]}}"""
                .formatted(autoAlias, small, large));
        String smart = createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s"}]}}"""
                .formatted(unique("smart"), large));
        String fast = createId("/api/v1/routes", """
                {"alias": "%s", "policy": {"type": "static", "targets": [{"modelId": "%s", "weight": 1}]}}"""
                .formatted(unique("fast"), small));

        String body = internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        CatalogSnapshot snapshot = ContractJson.fromJson(body, CatalogSnapshot.class);

        assertThat(snapshot.version()).as("one version per change").isEqualTo(versionBefore + 14);
        assertThat(byId(snapshot.providers(), ProviderInfo::id).get(provider))
                .isEqualTo(new ProviderInfo(provider, providerName, "openai-compatible", null));

        ModelInfo smallModel = byId(snapshot.models(), ModelInfo::id).get(small);
        assertThat(smallModel.name()).isEqualTo(smallName);
        assertThat(smallModel.upstreamModel()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(smallModel.contextWindow()).isEqualTo(131072);
        assertThat(smallModel.capabilities()).containsExactlyInAnyOrder("chat", "tools");
        assertThat(smallModel.status()).isEqualTo("active");
        assertThat(smallModel.prices()).containsExactly(
                new PriceSnapshot(smallJanuary, small, "USD", new BigDecimal("0.150000"), new BigDecimal("0.600000"),
                        new BigDecimal("0.075000"), Instant.parse("2026-01-01T00:00:00Z")),
                new PriceSnapshot(smallJune, small, "USD", new BigDecimal("0.100000"), new BigDecimal("0.400000"),
                        new BigDecimal("0.100000"), Instant.parse("2026-06-01T00:00:00Z")));
        assertThat(byId(snapshot.models(), ModelInfo::id).get(large).prices()).extracting(PriceSnapshot::priceId)
                .containsExactly(largePrice);

        assertThat(byId(snapshot.pools(), PoolInfo::id).get(smallPool).endpoints()).containsExactly(
                new EndpointInfo(endpoint1, smallPool, "http://127.0.0.1:9001/v1", "eu-west", "active", 1),
                new EndpointInfo(endpoint2, smallPool, "http://127.0.0.1:9002/v1", "eu-central", "draining", 3));
        PoolInfo large1 = byId(snapshot.pools(), PoolInfo::id).get(largePool);
        assertThat(large1.modelId()).isEqualTo(large);
        assertThat(large1.endpoints()).extracting(EndpointInfo::id, EndpointInfo::region)
                .containsExactly(tuple(endpoint3, "us-east"));

        assertThat(byId(snapshot.routes(), RouteInfo::id).get(auto)).isEqualTo(new RouteInfo(auto, autoAlias,
                "weighted", List.of(new RouteTarget(small, 80), new RouteTarget(large, 20)), 1));
        assertThat(byId(snapshot.routes(), RouteInfo::id).get(smart).targets())
                .containsExactly(new RouteTarget(large, 1));
        assertThat(byId(snapshot.routes(), RouteInfo::id).get(fast).policyType()).isEqualTo("static");

        assertThat(body).as("money in plain decimals, times in ISO-8601, as ContractJson writes them")
                .contains("\"inputPerMillion\":0.150000", "\"cachedInputPerMillion\":0.075000",
                        "\"effectiveFrom\":\"2026-01-01T00:00:00Z\"")
                .doesNotContain("E-");
    }

    @Test
    void priceHistoryIsListedOldestFirstAndNeverRewritten() {
        String provider = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai", "baseUrl": "https://api.openai.com/v1"}""".formatted(unique("openai")));
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "gpt-4o-mini", "contextWindow": 128000,
                 "capabilities": ["chat", "vision"]}""".formatted(provider, unique("gpt-4o-mini")));
        createId("/api/v1/models/" + model + "/prices", """
                {"currency": "USD", "inputPerMillion": 0.15, "outputPerMillion": 0.6,
                 "effectiveFrom": "2026-03-01T00:00:00Z"}""");
        JsonNode first = create("/api/v1/models/" + model + "/prices", """
                {"currency": "USD", "inputPerMillion": 0.2, "outputPerMillion": 0.8,
                 "effectiveFrom": "2025-12-01T00:00:00Z"}""");

        JsonNode prices = read("/api/v1/models/" + model + "/prices");

        assertThat(prices.path("items").findValuesAsString("effectiveFrom"))
                .containsExactly("2025-12-01T00:00:00Z", "2026-03-01T00:00:00Z");
        assertThat(prices.path("total").asLong()).isEqualTo(2);
        assertThat(read("/api/v1/models/" + model + "/prices/" + first.path("id").asString())
                .path("inputPerMillion").decimalValue()).isEqualByComparingTo("0.2");
        assertThatThrownBy(() -> jdbc.sql("update prices set input_per_million = 0 where model_id = :model")
                .param("model", UUID.fromString(model)).update())
                .hasMessageContaining("never updated in place");
    }

    @Test
    void listsAreEnvelopedAndPaged() {
        for (int i = 0; i < 3; i++) {
            createId("/api/v1/tenants", """
                    {"name": "%s"}""".formatted(unique("paged")));
        }

        JsonNode page = read("/api/v1/tenants?page=1&size=2");

        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.path("items").size()).isBetween(1, 2);
    }

    @Test
    void aReaderThatHoldsTheCurrentVersionIsToldNothingChangedWithoutASnapshot() {
        CatalogSnapshot held = catalog();
        String tag = "\"" + held.version() + "\"";
        internal().get().uri("/internal/v1/catalog").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, tag);

        internal().get().uri("/internal/v1/catalog").header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, tag)
                .expectBody().isEmpty();
        internal().get().uri("/internal/v1/catalog").header(HttpHeaders.IF_NONE_MATCH, "\"1\", W/" + tag).exchange()
                .expectStatus().isNotModified();

        createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai-compatible"}""".formatted(unique("etag-provider")));

        String body = internal().get().uri("/internal/v1/catalog").header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        CatalogSnapshot changed = ContractJson.fromJson(body, CatalogSnapshot.class);
        assertThat(changed.version()).isGreaterThan(held.version());
        assertThat(changed.providers()).hasSize(held.providers().size() + 1);
        internal().get().uri("/internal/v1/catalog").header(HttpHeaders.IF_NONE_MATCH, tag).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"" + changed.version() + "\"");
    }

    private CatalogSnapshot catalog() {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class);
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
