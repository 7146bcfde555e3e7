package io.signalbox.telemetry;

import java.util.Map;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cumulative statistics (since this instance started) and the Prometheus export, from events on a real broker.
 */
class TelemetryIntegrationTests extends TelemetryIntegrationTestSupport {

    private final String modelId = "model-" + suffix;

    private final String modelName = "llama-" + suffix;

    private final String endpointId = "endpoint-" + suffix;

    @BeforeEach
    void readyImpliesTheUsagePartitionsAreAssigned() {
        MessageListenerContainer usage = listeners.getListenerContainer("usage");
        assertThat(usage).isNotNull();
        assertThat(usage.getAssignedPartitions()).as("ready implies assigned").hasSize(3);
    }

    @Test
    void publishedEventsShowUpPerModelAndPerEndpoint() {
        publish(0, event().latency(100).tokens(1_000, 100).build());
        publish(1, event().latency(200).tokens(2_000, 200).build());
        publish(2, event().latency(300).tokens(null, 300).build());
        publish(0, event().latency(400).streamed(50).tokens(4_000, 400).failed(502, "upstream_502").build());

        JsonNode model = awaitEntry("/api/v1/telemetry/models", "modelId", modelId, 4);
        assertThat(model.toString()).isEqualTo(JSON.readTree("""
                {"modelId": "%s", "modelName": "%s", "providerId": "provider-local", "requests": 4, "errors": 1,
                 "errorsByClass": {"upstream_502": 1},
                 "latencyMs": {"p50": 200, "p90": 400, "p95": 400, "p99": 400, "max": 400, "samples": 4},
                 "ttftMs": {"p50": 50, "p90": 50, "p95": 50, "p99": 50, "max": 50, "samples": 1},
                 "promptTokens": 7000, "completionTokens": 1000}
                """.formatted(modelId, modelName)).toString());

        JsonNode endpoint = awaitEntry("/api/v1/telemetry/endpoints", "endpointId", endpointId, 4);
        assertThat(endpoint.get("poolId").asString()).isEqualTo("pool-1");
        assertThat(endpoint.get("modelId").asString()).isEqualTo(modelId);
        assertThat(endpoint.get("errorsByClass").get("upstream_502").asLong()).isEqualTo(1);
        assertThat(endpoint.get("latencyMs").get("p50").asLong()).isEqualTo(200);
    }

    @Test
    void redeliveredEventIsCountedOnce() {
        UsageRecorded once = event().latency(10_000).build();
        publish(0, once);
        publish(0, once);
        publish(0, once);
        publish(0, event().latency(100).build());

        JsonNode model = awaitEntry("/api/v1/telemetry/models", "modelId", modelId, 2);

        assertThat(model.get("requests").asLong()).isEqualTo(2);
        assertThat(model.get("latencyMs").get("samples").asLong()).isEqualTo(2);
        assertThat(scrapeSum("signalbox_requests_total", Map.of("model", modelName))).isEqualTo(2);
        assertThat(scrapeSum("gen_ai_client_operation_duration_seconds_count", Map.of("gen_ai_response_model", modelName)))
                .isEqualTo(2);
    }

    @Test
    void prometheusShowsSignalboxCountersAndGenAiHistograms() {
        publish(0, event().requestedModel("fast").tokens(100, 10, 60).build());
        publish(1, event().requestedModel("fast").tokens(200, 20).streamed(80).build());
        publish(2, event().requestedModel("fast").tokens(300, null).failed(503, "upstream_503").build());
        awaitEntry("/api/v1/telemetry/models", "modelId", modelId, 3);

        Map<String, String> series = Map.of("model", modelName, "endpoint", endpointId, "provider", "provider-local");
        assertThat(scrapeSum("signalbox_requests_total", with(series, "status_class", "2xx"))).isEqualTo(2);
        assertThat(scrapeSum("signalbox_requests_total", with(series, "status_class", "5xx"))).isEqualTo(1);
        assertThat(scrapeSum("signalbox_request_errors_total", with(series, "error_class", "upstream_503"))).isEqualTo(1);
        assertThat(scrapeSum("signalbox_tokens_total", with(series, "type", "prompt"))).isEqualTo(600);
        assertThat(scrapeSum("signalbox_tokens_total", with(series, "type", "completion"))).isEqualTo(30);
        assertThat(scrapeSum("signalbox_tokens_total", with(series, "type", "cached_prompt"))).isEqualTo(60);

        Map<String, String> genAi = Map.of("gen_ai_response_model", modelName, "gen_ai_request_model", "fast",
                "gen_ai_operation_name", "chat", "gen_ai_provider_name", "provider-local", "signalbox_endpoint", endpointId);
        assertThat(scrapeSum("gen_ai_client_operation_duration_seconds_count", genAi)).isEqualTo(3);
        assertThat(scrapeSum("gen_ai_client_operation_duration_seconds_count", with(genAi, "error_type", "upstream_503")))
                .isEqualTo(1);
        assertThat(scrapeSum("gen_ai_client_operation_duration_seconds_bucket", with(genAi, "le", "+Inf")))
                .as("a histogram with the conventional buckets").isEqualTo(3);
        assertThat(scrapeSum("gen_ai_client_operation_duration_seconds_bucket", with(genAi, "le", "0.32")))
                .as("the 250 ms calls fall in the GenAI convention's 0.32 s bucket").isEqualTo(3);
        assertThat(scrapeSum("gen_ai_client_operation_time_to_first_chunk_seconds_count", genAi)).isEqualTo(1);
        assertThat(scrapeSum("gen_ai_client_token_usage_count", with(genAi, "gen_ai_token_type", "input"))).isEqualTo(3);
        assertThat(scrapeSum("gen_ai_client_token_usage_sum", with(genAi, "gen_ai_token_type", "output"))).isEqualTo(30);
        assertThat(scrapeSum("gen_ai_client_token_usage_bucket", with(genAi, "gen_ai_token_type", "input", "le", "256.0")))
                .as("100 and 200 input tokens fall at or under the 256 boundary").isEqualTo(2);
    }

    @Test
    void unreadableMessageIsSkippedAndTheNextEventStillCounts() {
        double rejectedBefore = scrapeSum("signalbox_telemetry_rejected_events_total", Map.of());
        publishRaw(Topics.USAGE, 1, "poison-" + suffix, "{ this is not a usage event");
        publish(1, event().build());

        awaitEntry("/api/v1/telemetry/models", "modelId", modelId, 1);
        assertThat(scrapeSum("signalbox_telemetry_rejected_events_total", Map.of())).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void statisticsNeedTheAdminTokenButPrometheusStaysOpenForScrapers() {
        assertThat(mvc.get().uri("/api/v1/telemetry/models"))
                .hasStatus(401)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/unauthorized"));
        assertThat(mvc.get().uri("/api/v1/telemetry/endpoints")
                .header(HttpHeaders.AUTHORIZATION, "Bearer internal-token-0123456789")).hasStatus(401);
        assertThat(mvc.get().uri("/actuator/prometheus")).hasStatusOk();
    }

    private UsageEventBuilder event() {
        return usage().model(modelId, modelName).endpoint("pool-1", endpointId);
    }

    private JsonNode awaitEntry(String path, String idField, String id, long requests) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(DELIVERY).until(() -> {
            for (JsonNode entry : getJson(path)) {
                if (entry.get(idField).asString().equals(id) && entry.get("requests").asLong() >= requests) {
                    found[0] = entry;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
