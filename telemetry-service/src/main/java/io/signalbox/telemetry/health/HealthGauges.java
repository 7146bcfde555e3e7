package io.signalbox.telemetry.health;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.signalbox.contracts.health.EndpointHealth;

/**
 * The last published health reports as gauges, one row per active target: {@code target} is the report's key
 * ({@code endpoint:<id>} or {@code model:<id>}), with {@code endpoint} ({@code none} for a hosted model),
 * {@code model} (its name when known) and {@code provider}.
 */
final class HealthGauges {

    private final MultiGauge unhealthy;

    private final MultiGauge errorRatio;

    private final MultiGauge latencyP95;

    private final MultiGauge ttftP50;

    HealthGauges(MeterRegistry registry) {
        this.unhealthy = MultiGauge.builder("signalbox.endpoint.health.unhealthy")
                .description("1 while telemetry reports the target unhealthy to routing, else 0").register(registry);
        this.errorRatio = MultiGauge.builder("signalbox.endpoint.health.error.ratio")
                .description("Failed share of the target's calls in the health window").register(registry);
        this.latencyP95 = MultiGauge.builder("signalbox.endpoint.health.latency.p95").baseUnit("seconds")
                .description("p95 call latency in the health window").register(registry);
        this.ttftP50 = MultiGauge.builder("signalbox.endpoint.health.ttft.p50").baseUnit("seconds")
                .description("Median time to first token in the health window").register(registry);
    }

    void update(List<EndpointHealthPublisher.Report> reports) {
        List<MultiGauge.Row<?>> unhealthyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> errorRows = new ArrayList<>();
        List<MultiGauge.Row<?>> latencyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ttftRows = new ArrayList<>();
        for (EndpointHealthPublisher.Report report : reports) {
            EndpointHealth health = report.health();
            Tags tags = Tags.of("target", health.key(), "endpoint", health.endpointId() == null ? "none"
                    : health.endpointId(), "model", report.modelName() != null ? report.modelName() : health.modelId(),
                    "provider", health.providerId() == null ? "none" : health.providerId());
            unhealthyRows.add(MultiGauge.Row.of(tags, health.isUnhealthy() ? 1 : 0));
            errorRows.add(MultiGauge.Row.of(tags, health.errorRate()));
            if (health.latencyP95Millis() != null) {
                latencyRows.add(MultiGauge.Row.of(tags, health.latencyP95Millis() / 1000.0));
            }
            if (health.ttftP50Millis() != null) {
                ttftRows.add(MultiGauge.Row.of(tags, health.ttftP50Millis() / 1000.0));
            }
        }
        unhealthy.register(unhealthyRows, true);
        errorRatio.register(errorRows, true);
        latencyP95.register(latencyRows, true);
        ttftP50.register(ttftRows, true);
    }
}
