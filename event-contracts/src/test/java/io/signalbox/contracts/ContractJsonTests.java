package io.signalbox.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.EndpointInfo;
import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PoolInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.contracts.usage.Attempt;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractJsonTests {

    static final Instant AT = Instant.parse("2026-11-01T10:15:30.123Z");

    static final PriceSnapshot PRICE = new PriceSnapshot("price-1", "model-1", "USD",
            new BigDecimal("0.150000"), new BigDecimal("0.600"), new BigDecimal("0.075"), AT);

    @Test
    void usageRecordedSurvivesARoundTripWithNullCountsKeptNull() {
        UsageRecorded event = new UsageRecorded(UsageRecorded.SCHEMA_VERSION, UUID.randomUUID(), "req-1", "dec-1",
                "4bf92f3577b34da6a3ce929d0e0e4736", "tenant-1", "team-1", "key-1", Map.of("project", "search"),
                "chat.completions", "auto", "auto", "weighted", "model-1", "llama-3.1-8b", "provider-1", "pool-1",
                "endpoint-1", true, 200, null, false,
                List.of(new Attempt(1, "model-1", "endpoint-1", "success", 200, 42)),
                new TokenUsage(120, 30, null, null, false), 12L, 42, PRICE, new BigDecimal("0.000036"), AT,
                AT.plusMillis(42));

        String json = ContractJson.toJson(event);
        UsageRecorded read = ContractJson.fromJson(json, UsageRecorded.class);

        assertThat(read).isEqualTo(event);
        assertThat(read.usage().cachedPromptTokens()).as("not reported is not zero").isNull();
        assertThat(json).contains("\"startedAt\":\"2026-11-01T10:15:30.123Z\"").contains("\"cost\":0.000036");
    }

    @Test
    void moneyKeepsItsExactDecimalDigits() {
        String json = ContractJson.toJson(PRICE);

        PriceSnapshot read = ContractJson.fromJson(json, PriceSnapshot.class);

        assertThat(read.inputPerMillion()).isEqualByComparingTo("0.15").hasToString("0.150000");
        assertThat(json).doesNotContain("E-");
    }

    @Test
    void registryChangedSurvivesARoundTrip() {
        RegistryChanged event = new RegistryChanged(UUID.randomUUID(), "route", "route-1",
                RegistryChanged.Operation.UPDATED, 17, AT);

        assertThat(ContractJson.fromJson(ContractJson.toJson(event), RegistryChanged.class)).isEqualTo(event);
    }

    @Test
    void decisionRequestAndResponseSurviveARoundTrip() {
        DecisionRequest request = new DecisionRequest("req-1", "tenant-1", null, "key-1", "smart",
                "chat.completions", false, 250, 512, Set.of("tools"), "eu-west", Map.of("feature", "chat"), "user-9");
        DecisionResponse response = new DecisionResponse("dec-1", "smart", "smart", "static",
                List.of(new DecisionTarget("model-2", "llama-3.1-70b", "meta-llama/Llama-3.1-70B-Instruct",
                        "provider-1", "openai-compatible", "pool-2", "endpoint-2", "http://127.0.0.1:9002/v1",
                        "eu-west", PRICE)),
                "route 'smart' (static) -> llama-3.1-70b", 3);

        assertThat(ContractJson.fromJson(ContractJson.toJson(request), DecisionRequest.class)).isEqualTo(request);
        assertThat(ContractJson.fromJson(ContractJson.toJson(response), DecisionResponse.class)).isEqualTo(response);
    }

    @Test
    void bytesAreUtf8BothWaysAndMatchTheStringForm() {
        DecisionRequest request = new DecisionRequest("req-1", "tenant-1", null, "key-1", "smart",
                "chat.completions", false, 250, 512, Set.of(), null, Map.of("team", "Zürich – 東京 🚀"), "user-9");

        byte[] bytes = ContractJson.toBytes(request);

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(ContractJson.toJson(request));
        assertThat(ContractJson.fromBytes(bytes, DecisionRequest.class)).isEqualTo(request);
        assertThat(ContractJson.fromBytes(ContractJson.toJson(PRICE).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                PriceSnapshot.class).inputPerMillion()).isEqualByComparingTo(PRICE.inputPerMillion());
    }

    @Test
    void catalogSnapshotSurvivesARoundTrip() {
        CatalogSnapshot snapshot = new CatalogSnapshot(9, AT,
                List.of(new ProviderInfo("provider-1", "self-hosted", "openai-compatible", null)),
                List.of(new ModelInfo("model-1", "provider-1", "llama-3.1-8b", "meta-llama/Llama-3.1-8B-Instruct",
                        131072, Set.of("chat"), "active", List.of(PRICE))),
                List.of(new PoolInfo("pool-1", "small", "model-1", "eu-west",
                        List.of(new EndpointInfo("endpoint-1", "pool-1", "http://127.0.0.1:9001/v1", "eu-west",
                                "active", 1)))),
                List.of(new RouteInfo("route-1", "auto", "weighted",
                        List.of(new RouteTarget("model-1", 80), new RouteTarget("model-2", 20)), 2)));

        assertThat(ContractJson.fromJson(ContractJson.toJson(snapshot), CatalogSnapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void catalogAttributesAddedForTheAdminApiSurviveARoundTrip() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("fallback", List.of("model-2", "model-3"));
        parameters.put("maxLatencyMs", 800);
        parameters.put("minQuality", new BigDecimal("0.75"));
        parameters.put("constraints", Map.of("region", "eu-west"));
        CatalogSnapshot snapshot = new CatalogSnapshot(10, AT,
                List.of(new ProviderInfo("provider-1", "openai", "openai", "https://api.openai.com/v1", 2000, 60000,
                        500, 30000)),
                List.of(new ModelInfo("model-1", "provider-1", "gpt-4o", "gpt-4o-2024-08-06", 128000,
                        Set.of("chat", "vision"), "deprecated",
                        List.of(new PriceSnapshot("price-2", "model-1", "USD", new BigDecimal("2.50"),
                                new BigDecimal("10.00"), new BigDecimal("1.25"), AT, new BigDecimal("10.00"))),
                        "gpt-4o", 16384, "premium", LocalDate.parse("2026-12-31"), List.of("us", "eu"))),
                List.of(new PoolInfo("pool-1", "small", "model-1", "eu-west",
                        List.of(new EndpointInfo("endpoint-1", "pool-1", "http://127.0.0.1:9001/v1", "eu-west",
                                "active", 1, "http://127.0.0.1:9001/metrics")),
                        "2xL4-24GB", List.of("sql-lora", "support-lora"), true)),
                List.of(new RouteInfo("route-1", "smart", "fallback",
                        List.of(new RouteTarget("model-1", 1)), 3, parameters)));

        String json = ContractJson.toJson(snapshot);

        assertThat(ContractJson.fromJson(json, CatalogSnapshot.class)).isEqualTo(snapshot);
        assertThat(json).contains("\"minQuality\":0.75").contains("\"deprecationDate\":\"2026-12-31\"");
    }

    @Test
    void keyScopesAndLimitsSurviveARoundTrip() {
        KeyIdentity key = new KeyIdentity("key-1", "sk-sb-abcd", "tenant-1", "team-1", Map.of("env", "prod"),
                "active", null, Set.of("smart", "gpt-4o"), new RateLimits(60, null), new RateLimits(600, 1_000_000));

        assertThat(ContractJson.fromJson(ContractJson.toJson(key), KeyIdentity.class)).isEqualTo(key);
        assertThat(key.allows("smart")).isTrue();
        assertThat(key.allows("o1")).isFalse();
        assertThat(new KeyIdentity("key-1", "sk-sb-abcd", "tenant-1", null, Map.of(), "active", null).allows("o1"))
                .as("no scopes: any model").isTrue();
    }

    @Test
    void keyIdentityNeverCarriesTheKeyAndKnowsWhenItIsUsable() {
        KeyIdentity key = new KeyIdentity("key-1", "sk-sb-abcd", "tenant-1", "team-1", Map.of(), "active",
                AT.plusSeconds(60));

        assertThat(ContractJson.fromJson(ContractJson.toJson(key), KeyIdentity.class)).isEqualTo(key);
        assertThat(key.usableAt(AT)).isTrue();
        assertThat(key.usableAt(AT.plusSeconds(61))).as("expired").isFalse();
        assertThat(new KeyIdentity("key-1", "sk-sb-abcd", "tenant-1", null, Map.of(), "revoked", null).usableAt(AT))
                .isFalse();
    }

    @Test
    void readersIgnoreFieldsAddedByNewerProducers() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"entity\":\"model\",\"entityId\":\"m\","
                + "\"operation\":\"CREATED\",\"catalogVersion\":1,\"occurredAt\":\"2026-11-01T00:00:00Z\","
                + "\"addedInAFutureRelease\":true}";

        assertThat(ContractJson.fromJson(json, RegistryChanged.class).entity()).isEqualTo("model");
    }

    @Test
    void malformedPayloadIsReportedAsSuch() {
        assertThatThrownBy(() -> ContractJson.fromJson("{not json", UsageRecorded.class))
                .isInstanceOf(ContractJson.MalformedEventException.class)
                .hasMessageContaining("UsageRecorded");
        assertThatThrownBy(() -> ContractJson.fromBytes("{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                DecisionResponse.class))
                .isInstanceOf(ContractJson.MalformedEventException.class)
                .hasMessageContaining("DecisionResponse");
    }
}
