package io.signalbox.routing.health;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.health.EndpointHealth;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.health.HealthReports.NOW;
import static io.signalbox.routing.health.HealthReports.report;
import static io.signalbox.routing.health.HealthReports.unhealthy;
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

    @Test
    void targetsReportedUnhealthyGoLastAndTheRestKeepTheirOrder() {
        List<DecisionTarget> targets = List.of(target("mod-llama", "ep-1"), target("mod-llama", "ep-2"),
                target("mod-gpt", null), target("mod-llama", "ep-3"));
        store.apply(unhealthy("mod-llama", "ep-1", NOW.minusSeconds(5)));
        store.apply(unhealthy("mod-gpt", null, NOW.minusSeconds(5)));
        store.apply(report("mod-llama", "ep-2", 80.0, NOW.minusSeconds(5)));

        assertThat(store.healthyFirst(targets, NOW)).extracting(t -> t.endpointId() != null ? t.endpointId() : t.modelId())
                .containsExactly("ep-2", "ep-3", "ep-1", "mod-gpt");
    }

    @Test
    void aStaleUnhealthyHintOrAHealthyReportAfterItNoLongerAvoidsTheTarget() {
        List<DecisionTarget> targets = List.of(target("mod-llama", "ep-1"), target("mod-llama", "ep-2"));
        store.apply(unhealthy("mod-llama", "ep-1", NOW.minus(Duration.ofMinutes(6))));

        assertThat(store.healthyFirst(targets, NOW)).as("stale").isSameAs(targets);
        store.apply(unhealthy("mod-llama", "ep-1", NOW.minusSeconds(10)));
        assertThat(store.healthyFirst(targets, NOW).getFirst().endpointId()).isEqualTo("ep-2");
        store.apply(report("mod-llama", "ep-1", 80.0, NOW.minusSeconds(5)));
        assertThat(store.healthyFirst(targets, NOW)).as("recovered").isSameAs(targets);
        store.apply(unhealthy("mod-llama", "ep-1", NOW.minusSeconds(4)));
        store.remove("endpoint:ep-1");
        assertThat(store.healthyFirst(targets, NOW)).as("tombstoned").isSameAs(targets);
    }

    private static DecisionTarget target(String modelId, @Nullable String endpointId) {
        return new DecisionTarget(modelId, modelId, modelId, "prov", "openai-compatible", endpointId == null ? null
                : "pool-1", endpointId, "http://127.0.0.1:9/v1", null, new PriceSnapshot("price", modelId, "USD",
                        BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, NOW), null);
    }
}
