package io.signalbox.telemetry.window.web;

import io.signalbox.telemetry.TelemetryIntegrationTestSupport;
import io.signalbox.telemetry.UsageEventBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** {@code /api/v1/telemetry/windows}: the rolling windows over HTTP, fed from a real broker. */
class WindowApiIntegrationTests extends TelemetryIntegrationTestSupport {

    private final String endpointId = "ep-" + suffix;

    private final String tenantId = "tenant-" + suffix;

    @Test
    void anEndpointsWindowShowsItsCallsErrorsPercentilesTokensCacheAndCost() {
        publish(0, event().latency(100).streamed(40).tokens(1_000, 100, 400).cost("0.000300").build());
        publish(1, event().latency(200).streamed(60).tokens(1_000, 100, 0).cost("0.000300").build());
        publish(2, event().latency(240).failed(503, "upstream_503").build());

        JsonNode entry = awaitEntry("endpoints", endpointId, 3);

        assertThat(entry.get("labels").get("modelId").asString()).isEqualTo("model-llama");
        assertThat(entry.get("labels").get("poolId").asString()).isEqualTo("pool-1");
        JsonNode stats = entry.get("stats");
        assertThat(stats.get("window").asString()).isEqualTo("5m");
        assertThat(stats.get("errors").asLong()).isEqualTo(1);
        assertThat(stats.get("errorRate").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(stats.get("errorsByClass").get("upstream_503").asLong()).isEqualTo(1);
        assertThat(stats.get("latencyMs").get("p50").asLong()).as("exact below 256 ms").isEqualTo(200);
        assertThat(stats.get("latencyMs").get("samples").asLong()).isEqualTo(3);
        assertThat(stats.get("ttftMs").get("samples").asLong()).isEqualTo(2);
        assertThat(stats.get("tokens").get("prompt").asLong()).isEqualTo(2_100);
        assertThat(stats.get("promptCache").get("hitRatio").asDouble()).isEqualTo(0.2);
        assertThat(stats.get("cost").get("USD").get("total").asString()).isEqualTo("0.000600");
        assertThat(stats.get("requestsPerSecond").asDouble()).isPositive();
    }

    @Test
    void oneSeriesShowsEveryWindowAndATenantCountsRequestsNotMirroredCalls() {
        publish(0, event().requestId("req-" + suffix).build());
        publish(1, event().requestId("req-" + suffix + "-mirror").mirrorOf("req-" + suffix).build());
        awaitEntry("endpoints", endpointId, 2);

        JsonNode tenant = getJson("/api/v1/telemetry/windows/tenants/" + tenantId);

        assertThat(tenant.get("windows").propertyNames()).containsExactly("1m", "5m", "1h");
        assertThat(tenant.get("windows").get("1h").get("requests").asLong()).isEqualTo(1);
        assertThat(getJson("/api/v1/telemetry/windows/endpoints/" + endpointId).get("windows").get("1m")
                .get("requests").asLong()).as("the mirrored call is a real call to the endpoint").isEqualTo(2);
    }

    @Test
    void filtersByModelAndProviderAndCapsTheList() {
        publish(0, event().build());
        awaitEntry("endpoints", endpointId, 1);

        assertThat(getJson("/api/v1/telemetry/windows/endpoints?model=llama-test&provider=provider-local&limit=1000")
                .get("items").findValuesAsString("key")).contains(endpointId);
        assertThat(getJson("/api/v1/telemetry/windows/endpoints?model=another-model").get("items").findValuesAsString(
                "key")).doesNotContain(endpointId);
        assertThat(getJson("/api/v1/telemetry/windows/endpoints?limit=1").get("items")).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/telemetry/windows/endpoints?window=2m          | 400 | invalid-parameter | window
            /api/v1/telemetry/windows/endpoints?limit=0            | 400 | invalid-parameter | limit
            /api/v1/telemetry/windows/endpoints?limit=many         | 400 | invalid-parameter | limit
            /api/v1/telemetry/windows/endpoints?minRequests=-1     | 400 | invalid-parameter | minRequests
            /api/v1/telemetry/windows/tenants?model=llama          | 400 | invalid-parameter | model
            /api/v1/telemetry/windows/routes?provider=openai       | 400 | invalid-parameter | provider
            /api/v1/telemetry/windows/galaxies                     | 404 | not-found         |
            /api/v1/telemetry/windows/endpoints/never-seen         | 404 | not-found         |
            """)
    void badQueriesAreAnsweredWithProblemDetails(String path, int status, String type, String parameter) {
        MvcTestResult result = mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .exchange();

        assertThat(result).hasStatus(status).hasContentType("application/problem+json");
        JsonNode problem = body(result);
        assertThat(problem.get("type").asString()).isEqualTo("https://signalbox.io/problems/" + type);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (parameter != null) {
            assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        }
    }

    @Test
    void aViewerMayReadWindowsButNoOneWithoutACredential() {
        assertThat(mvc.get().uri("/api/v1/telemetry/windows/endpoints")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + VIEWER_TOKEN)).hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/telemetry/windows/endpoints")).hasStatus(401);
    }

    private JsonNode awaitEntry(String dimension, String key, long requests) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(DELIVERY).until(() -> {
            for (JsonNode entry : getJson("/api/v1/telemetry/windows/" + dimension + "?key=" + key).get("items")) {
                if (entry.get("stats").get("requests").asLong() >= requests) {
                    found[0] = entry;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private UsageEventBuilder event() {
        return usage().endpoint("pool-1", endpointId).tenant(tenantId, "team-" + suffix);
    }
}
