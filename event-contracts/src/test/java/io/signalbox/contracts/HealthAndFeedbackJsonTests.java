package io.signalbox.contracts;

import java.time.Instant;
import java.util.UUID;

import io.signalbox.contracts.feedback.FeedbackRecorded;
import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.contracts.json.ContractJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The health and feedback records on the wire, including reports written before the health verdict existed. */
class HealthAndFeedbackJsonTests {

    static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void anUnhealthyReportSurvivesARoundTripUnderItsEndpointKey() {
        EndpointHealth report = new EndpointHealth("model-1", "ep-1", "prov-1", AT.minusSeconds(60), AT, 40, 30,
                null, null, 900.0, 2400.0, AT, true, "error rate 75% over 40 calls (limit 50%)", 800.0);

        EndpointHealth read = ContractJson.fromJson(ContractJson.toJson(report), EndpointHealth.class);

        assertThat(read).isEqualTo(report);
        assertThat(read.key()).isEqualTo("endpoint:ep-1");
        assertThat(read.errorRate()).isEqualTo(0.75);
    }

    @Test
    void aReportWithoutTheVerdictFieldsReadsAsHealthy() {
        String older = """
                {"modelId": "model-1", "endpointId": null, "providerId": "prov-1",
                 "windowStart": "2026-11-21T09:59:00Z", "windowEnd": "2026-11-21T10:00:00Z",
                 "requests": 10, "errors": 0, "ttftP50Millis": 120.0, "ttftP95Millis": 300.0,
                 "latencyP50Millis": 800.0, "latencyP95Millis": 1500.0, "observedAt": "2026-11-21T10:00:00Z"}
                """;

        EndpointHealth read = ContractJson.fromJson(older, EndpointHealth.class);

        assertThat(read.isUnhealthy()).isFalse();
        assertThat(read.unhealthy()).isFalse();
        assertThat(read.unhealthyReason()).isNull();
        assertThat(read.key()).isEqualTo("model:model-1");
    }

    @Test
    void feedbackSurvivesARoundTripAndRefusesAScoreOutsideZeroToOne() {
        FeedbackRecorded feedback = new FeedbackRecorded(FeedbackRecorded.SCHEMA_VERSION, UUID.randomUUID(), "req-1",
                0.25, "hallucination", "tenant-1", "team-1", "dec-1", "adaptive", "complexity", "model-small",
                "llama-small", "prov-local", "economy", true, AT.minusSeconds(30), AT);

        assertThat(ContractJson.fromJson(ContractJson.toJson(feedback), FeedbackRecorded.class)).isEqualTo(feedback);
        assertThatIllegalArgumentException().isThrownBy(() -> new FeedbackRecorded(1, UUID.randomUUID(), "req-2",
                1.5, null, "tenant-1", null, null, null, null, "model-small", null, null, null, false, AT, AT));
    }
}
