package io.signalbox.registry.provider;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin sets how the gateway calls a provider's targets; the catalog carries it to routing and the gateway. */
class ProviderResilienceTests extends RegistryIntegrationTest {

    @Test
    void resilienceSettingsAreStoredShownAndPublishedInTheCatalog() {
        String name = unique("resilient");
        JsonNode created = create("/api/v1/providers", """
                {"name": "%s", "kind": "openai", "baseUrl": "https://api.openai.com/v1", "connectTimeoutMs": 1500,
                 "requestTimeoutMs": 90000,
                 "resilience": {"firstByteTimeoutMs": 20000, "streamIdleTimeoutMs": 15000, "attemptsPerTarget": 3,
                                "circuitBreaker": {"failureRatePercent": 30, "slidingWindowSize": 40,
                                                   "minimumCalls": 20, "openForMs": 45000, "halfOpenCalls": 2}}}"""
                .formatted(name));
        String id = created.path("id").asString();

        JsonNode shown = read("/api/v1/providers/" + id).path("resilience");
        JsonNode published = internal().get().uri("/internal/v1/catalog").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("providers").valueStream()
                .filter(provider -> provider.path("id").asString().equals(id)).findFirst().orElseThrow();

        assertThat(shown.path("firstByteTimeoutMs").asInt()).isEqualTo(20000);
        assertThat(shown.path("circuitBreaker").path("openForMs").asInt()).isEqualTo(45000);
        assertThat(published.path("connectTimeoutMillis").asInt()).isEqualTo(1500);
        assertThat(published.path("requestTimeoutMillis").asInt()).isEqualTo(90000);
        assertThat(published.path("resilience").path("streamIdleTimeoutMillis").asInt()).isEqualTo(15000);
        assertThat(published.path("resilience").path("attemptsPerTarget").asInt()).isEqualTo(3);
        assertThat(published.path("resilience").path("circuitBreaker").path("failureRatePercent").asInt())
                .isEqualTo(30);
        assertThat(published.path("resilience").path("circuitBreaker").path("halfOpenCalls").asInt()).isEqualTo(2);
    }

    @Test
    void clearingTheSettingsHandsThemBackToTheGatewaysDefaults() {
        String name = unique("resilient");
        String path = "/api/v1/providers/" + createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai", "resilience": {"attemptsPerTarget": 1}}""".formatted(name));

        put(path, "*", "{\"name\": \"%s\", \"kind\": \"openai\"}".formatted(name)).expectStatus().isOk();

        assertThat(read(path).path("resilience").isNull()).isTrue();
    }

    @Test
    void settingsOutsideTheirBoundsAreFieldErrors() {
        JsonNode problem = problem(admin().post().uri("/api/v1/providers").contentType(MediaType.APPLICATION_JSON)
                .body("""
                {"name": "x", "kind": "openai",
                 "resilience": {"firstByteTimeoutMs": 0, "attemptsPerTarget": 11,
                                "circuitBreaker": {"failureRatePercent": 101, "halfOpenCalls": -1}}}""")
                .exchange(), 400);

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                "resilience.firstByteTimeoutMs", "resilience.attemptsPerTarget",
                "resilience.circuitBreaker.failureRatePercent", "resilience.circuitBreaker.halfOpenCalls");
    }
}
