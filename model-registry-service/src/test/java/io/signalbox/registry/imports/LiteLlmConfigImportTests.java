package io.signalbox.registry.imports;

import java.util.List;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A LiteLLM proxy config becomes providers, models, pools, endpoints and routes, once. */
class LiteLlmConfigImportTests extends RegistryIntegrationTest {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Test
    void deploymentsBecomeModelsPoolsAndRoutesAndASecondImportChangesNothing() {
        String suffix = unique("cfg");
        String alias = suffix.toLowerCase();

        JsonNode dry = importConfig(fixture(suffix, alias), "?dryRun=true");
        assertThat(read("/api/v1/routes?q=" + alias).path("total").asLong()).as("dry run stores nothing").isZero();
        JsonNode first = importConfig(fixture(suffix, alias), "");
        JsonNode second = importConfig(fixture(suffix, alias), "");

        assertThat(changes(dry.path("created"))).isEqualTo(changes(first.path("created")));
        assertThat(changes(first.path("created"))).contains("model sbx-gpt-" + suffix, "model sbx-claude-" + suffix,
                "model sbx-llama-" + suffix, "pool litellm/sbx-llama-" + suffix, "endpoint http://127.0.0.1:9601/v1",
                "endpoint http://127.0.0.1:9602/v1", "model sbx-direct-" + suffix, "route " + alias + "-chat",
                "route " + alias + "-local");
        assertThat(changes(first.path("created"))).as("a model_name that is its model's name needs no route")
                .doesNotContain("route sbx-direct-" + suffix);
        assertThat(first.path("skipped").findValuesAsString("name")).containsExactly(alias + "-mystery");
        assertThat(second.path("created").size()).isZero();
        assertThat(second.path("updated").size()).isZero();

        JsonNode chat = read("/api/v1/routes?q=" + alias + "-chat").path("items").get(0).path("policy");
        assertThat(chat.path("type").asString()).isEqualTo("weighted");
        assertThat(chat.path("targets").valueStream().map(t -> t.path("weight").asInt()).toList())
                .containsExactly(3, 1);
        JsonNode local = read("/api/v1/routes?q=" + alias + "-local").path("items").get(0).path("policy");
        assertThat(local.path("type").asString()).as("router_settings.fallbacks").isEqualTo("fallback");
        assertThat(local.path("targets").size()).isEqualTo(3);
        JsonNode llama = read("/api/v1/models?q=sbx-llama-" + suffix).path("items").get(0);
        assertThat(llama.path("contextWindow").asInt()).isEqualTo(32768);
        String pool = read("/api/v1/pools?q=sbx-llama-" + suffix).path("items").get(0).path("id").asString();
        assertThat(read("/api/v1/pools/" + pool + "/endpoints").path("total").asLong()).isEqualTo(2);
    }

    @Test
    void aChangedConfigGivesTheRouteANewVersion() {
        String suffix = unique("cfgv");
        String alias = suffix.toLowerCase();
        importConfig(fixture(suffix, alias), "");

        JsonNode report = importConfig(fixture(suffix, alias).replace("weight: 3", "weight: 5"), "");

        assertThat(changes(report.path("updated"))).containsExactly("route " + alias + "-chat");
        String route = read("/api/v1/routes?q=" + alias + "-chat").path("items").get(0).path("id").asString();
        assertThat(read("/api/v1/routes/" + route + "/versions").path("total").asLong()).isEqualTo(2);
    }

    @Test
    void somethingThatIsNotALiteLlmConfigIsRefused() {
        JsonNode notYaml = problem(admin().post().uri("/api/v1/import/litellm-config").contentType(YAML)
                .body("model_list: [unclosed").exchange(), 400);
        JsonNode noModels = problem(admin().post().uri("/api/v1/import/litellm-config").contentType(YAML)
                .body("general_settings: {}").exchange(), 400);

        assertThat(notYaml.path("errors").findValuesAsString("field")).containsExactly("body");
        assertThat(noModels.path("errors").findValuesAsString("field")).containsExactly("model_list");
    }

    private JsonNode importConfig(String yaml, String query) {
        return json(admin().post().uri("/api/v1/import/litellm-config" + query).contentType(YAML).body(yaml)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<String> changes(JsonNode list) {
        return list.valueStream().map(c -> c.path("entity").asString() + " " + c.path("name").asString()).toList();
    }

    private static String fixture(String suffix, String alias) {
        return LiteLlmPricesImportTests.resource("/imports/litellm-config.yaml").replace("{{suffix}}", suffix)
                .replace("{{alias}}", alias);
    }
}
