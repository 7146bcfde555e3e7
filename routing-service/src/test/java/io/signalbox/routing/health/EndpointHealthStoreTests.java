package io.signalbox.routing.health;

import java.time.Duration;
import java.time.Instant;

import io.signalbox.contracts.health.EndpointHealth;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.health.HealthReports.NOW;
import static io.signalbox.routing.health.HealthReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Telemetry's health reports: the newest per target counts, and only while it is recent. */
class EndpointHealthStoreTests {

    private final EndpointHealthStore store = new EndpointHealthStore(Duration.ofMinutes(5));

    @Test
    void aHostedModelAndAPoolEndpointAreKeptApart() {
        store.apply(report("mod-gpt", null, 420.0, NOW.minusSeconds(30)));
        store.apply(report("mod-llama", "ep-1", 80.0, NOW.minusSeconds(30)));

        assertThat(EndpointHealthStore.timeToFirstToken(store.hostedModel("mod-gpt", NOW))).hasValue(420.0);
        assertThat(EndpointHealthStore.timeToFirstToken(store.endpoint("ep-1", NOW))).hasValue(80.0);
        assertThat(store.hostedModel("mod-llama", NOW)).as("the endpoint report is not the model's").isNull();
    }

    @Test
    void aReportWhoseWindowEndedLongAgoNoLongerCounts() {
        store.apply(report("mod-gpt", null, 420.0, NOW.minus(Duration.ofMinutes(6))));

        assertThat(store.hostedModel("mod-gpt", NOW)).isNull();
        assertThat(store.hostedModel("mod-gpt", NOW.minus(Duration.ofMinutes(2)))).isNotNull();
    }

    @Test
    void aLateOlderReportDoesNotReplaceANewerOneAndATombstoneRemoves() {
        store.apply(report("mod-gpt", null, 420.0, NOW.minusSeconds(10)));
        store.apply(report("mod-gpt", null, 900.0, NOW.minusSeconds(70)));

        assertThat(EndpointHealthStore.timeToFirstToken(store.hostedModel("mod-gpt", NOW))).hasValue(420.0);
        store.remove("model:mod-gpt");
        assertThat(store.hostedModel("mod-gpt", NOW)).isNull();
    }

    @Test
    void aReportWithMoreErrorsThanRequestsIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EndpointHealth("m", null, null, NOW, NOW, 1, 2,
                null, null, null, null, NOW));
        assertThat(report("m", null, null, NOW).errorRate()).isEqualTo(0.02);
    }
}
