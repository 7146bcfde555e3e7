package io.signalbox.telemetry.health;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.telemetry.health.*}: what telemetry publishes to {@code signalbox.endpoint-health.v1} and when a
 * target is reported unhealthy (the thresholds of an {@link AnomalyRule}).
 *
 * @param enabled publish at all (exactly one instance per cluster should: see docs/operations.md)
 * @param interval how often every active target's report is published
 * @param window the window the report's statistics cover: {@code 1m} or {@code 5m}
 * @param quietAfter a target without a call for this long gets a tombstone and is no longer published, so routing
 *     drops its report at once rather than when it goes stale
 * @param errorRate unhealthy from this failed share of calls (0..1) ...
 * @param minRequests ... over at least this many calls in the window
 * @param latencyFactor unhealthy when the window's p95 latency exceeds this many times the last hour's p95 ...
 * @param latencyMinSamples ... with at least this many latencies in the window ...
 * @param baselineMinSamples ... and this many in the last hour ...
 * @param latencyMinMillis ... and the window's p95 is at least this
 */
@Validated
@ConfigurationProperties("signalbox.telemetry.health")
public record HealthProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration interval,
        @DefaultValue("1m") @NotNull @Pattern(regexp = "1m|5m", message = "must be 1m or 5m") String window,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration quietAfter,
        @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1.0") double errorRate,
        @DefaultValue("10") @Min(1) long minRequests,
        @DefaultValue("3.0") @DecimalMin("1.0") double latencyFactor,
        @DefaultValue("20") @Min(1) long latencyMinSamples,
        @DefaultValue("100") @Min(1) long baselineMinSamples,
        @DefaultValue("1000") @Min(0) long latencyMinMillis) {

    public AnomalyThresholds thresholds() {
        return new AnomalyThresholds(errorRate, minRequests, latencyFactor, latencyMinSamples, baselineMinSamples,
                latencyMinMillis);
    }
}
