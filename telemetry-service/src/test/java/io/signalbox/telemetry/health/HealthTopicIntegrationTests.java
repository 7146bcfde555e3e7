package io.signalbox.telemetry.health;

import java.util.Map;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.telemetry.TelemetryIntegrationTestSupport;
import io.signalbox.telemetry.UsageEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Usage events in, {@link EndpointHealth} out on the compacted health topic, under the keys routing reads. */
class HealthTopicIntegrationTests extends TelemetryIntegrationTestSupport {

    @Test
    void failingCallsToAnEndpointArePublishedAsAnUnhealthyReportUnderItsEndpointKey() {
        String endpointId = "ep-" + suffix;
        for (int i = 0; i < 12; i++) {
            UsageEventBuilder event = usage().endpoint("pool-1", endpointId).latency(100 + i);
            publish(i % 3, (i < 8 ? event.failed(503, "upstream_503") : event).build());
        }

        ConsumerRecord<String, String> record = awaitRecord(Topics.ENDPOINT_HEALTH, r -> r.key()
                .equals("endpoint:" + endpointId) && r.value() != null
                && ContractJson.fromJson(r.value(), EndpointHealth.class).requests() == 12);

        EndpointHealth report = ContractJson.fromJson(record.value(), EndpointHealth.class);
        assertThat(report.modelId()).isEqualTo("model-llama");
        assertThat(report.endpointId()).isEqualTo(endpointId);
        assertThat(report.providerId()).isEqualTo("provider-local");
        assertThat(report.errors()).isEqualTo(8);
        assertThat(report.isUnhealthy()).isTrue();
        assertThat(report.unhealthyReason()).isEqualTo("error rate 67% over 12 calls in 1m (limit 50%)");
        assertThat(report.latencyP50Millis()).isBetween(100.0, 112.0);
        assertThat(report.windowEnd()).isAfter(report.windowStart());
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(scrapeSum("signalbox_endpoint_health_unhealthy",
                Map.of("target", "endpoint:" + endpointId))).isEqualTo(1));
        assertThat(getJson("/api/v1/telemetry/health").get("items").findValuesAsString("key"))
                .contains("endpoint:" + endpointId);
    }

    @Test
    void aProviderHostedModelIsPublishedUnderItsModelKeyWithItsTimeToFirstToken() {
        String modelId = "model-" + suffix;
        publish(0, usage().model(modelId, "gpt-" + suffix).endpoint(null, null).provider("provider-openai")
                .streamed(420).latency(900).build());

        ConsumerRecord<String, String> record = awaitRecord(Topics.ENDPOINT_HEALTH,
                r -> r.key().equals("model:" + modelId) && r.value() != null);

        EndpointHealth report = ContractJson.fromJson(record.value(), EndpointHealth.class);
        assertThat(report.endpointId()).isNull();
        assertThat(report.providerId()).isEqualTo("provider-openai");
        assertThat(report.ttftP50Millis()).isBetween(420.0, 425.0);
        assertThat(report.isUnhealthy()).isFalse();
    }
}
