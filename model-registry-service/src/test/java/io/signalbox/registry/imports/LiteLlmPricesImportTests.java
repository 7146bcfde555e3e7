package io.signalbox.registry.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** LiteLLM's price list imports idempotently; a dry run reports the same without storing anything. */
class LiteLlmPricesImportTests extends RegistryIntegrationTest {

    @Test
    void dryRunReportsWhatWouldChangeAndStoresNothing() {
        String suffix = unique("dry");

        JsonNode report = importPrices(fixture(suffix), "?dryRun=true");

        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(names(report.path("created"), "model")).containsExactly("sbx-chat-" + suffix,
                "sbx-thinker-" + suffix, "sbx-embedder-" + suffix);
        assertThat(names(report.path("created"), "price")).hasSize(3);
        assertThat(report.path("skipped").findValuesAsString("name")).containsExactlyInAnyOrder(
                "sbx-elsewhere-" + suffix, "sbx-painter-" + suffix, "vertex_ai/sbx-model@" + suffix,
                "sbx-too-precise-" + suffix);
        assertThat(report.path("skipped").findValuesAsString("reason"))
                .anyMatch(reason -> reason.contains("some-cloud-we-do-not-speak"))
                .anyMatch(reason -> reason.contains("image_generation"));
        assertThat(read("/api/v1/models?q=" + suffix).path("total").asLong()).isZero();
        assertThat(read("/api/v1/audit?entity=model").toString()).doesNotContain(suffix);
    }

    @Test
    void importMapsAttributesAndPricesAndASecondImportChangesNothing() {
        String suffix = unique("real");

        JsonNode first = importPrices(fixture(suffix), "");
        JsonNode second = importPrices(fixture(suffix), "");

        assertThat(names(first.path("created"), "model")).hasSize(3);
        assertThat(second.path("created").size()).isZero();
        assertThat(second.path("updated").size()).isZero();
        assertThat(second.path("unchanged").asInt()).isEqualTo(3);
        JsonNode chat = read("/api/v1/models?q=sbx-chat-" + suffix).path("items").get(0);
        assertThat(chat.path("contextWindow").asInt()).isEqualTo(128000);
        assertThat(chat.path("maxOutputTokens").asInt()).isEqualTo(16384);
        assertThat(chat.path("capabilities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("chat", "tools", "vision", "json_schema");
        JsonNode price = read("/api/v1/models/" + chat.path("id").asString() + "/prices").path("items").get(0);
        assertThat(price.path("inputPerMillion").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(price.path("outputPerMillion").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(price.path("cachedInputPerMillion").decimalValue()).isEqualByComparingTo("0.075");
        JsonNode thinker = read("/api/v1/models?q=sbx-thinker-" + suffix).path("items").get(0);
        assertThat(read("/api/v1/models/" + thinker.path("id").asString() + "/prices").path("items").get(0)
                .path("reasoningPerMillion").decimalValue()).isEqualByComparingTo("8.5");
        JsonNode embedder = read("/api/v1/models?q=sbx-embedder-" + suffix).path("items").get(0);
        assertThat(embedder.path("capabilities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("embeddings");
    }

    @Test
    void aChangedPriceIsANewPriceAndHistoryStays() {
        String suffix = unique("change");
        importPrices(fixture(suffix), "");

        JsonNode report = importPrices(fixture(suffix).replace("1.5e-07", "1.2e-07"),
                "?effectiveFrom=2030-01-01T00:00:00Z");

        assertThat(report.path("created").valueStream().map(c -> c.path("entity").asString() + " "
                + c.path("name").asString()).toList()).containsExactly("price sbx-chat-" + suffix);
        assertThat(report.path("unchanged").asInt()).isEqualTo(2);
        String chat = read("/api/v1/models?q=sbx-chat-" + suffix).path("items").get(0).path("id").asString();
        assertThat(read("/api/v1/models/" + chat + "/prices").path("items").findValuesAsString("effectiveFrom"))
                .hasSize(2).last().isEqualTo("2030-01-01T00:00:00Z");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        problem(admin().post().uri("/api/v1/import/litellm-prices").contentType(MediaType.APPLICATION_JSON)
                .body("[1, 2]").exchange(), 400);
    }

    private JsonNode importPrices(String json, String query) {
        return json(admin().post().uri("/api/v1/import/litellm-prices" + query).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    private static List<String> names(JsonNode changes, String entity) {
        return changes.valueStream().filter(c -> c.path("entity").asString().equals(entity))
                .map(c -> c.path("name").asString()).toList();
    }

    static String fixture(String suffix) {
        return resource("/imports/litellm-prices.json").replace("{{suffix}}", suffix);
    }

    static String resource(String path) {
        try (InputStream in = LiteLlmPricesImportTests.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
