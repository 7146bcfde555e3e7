package io.signalbox.telemetry.alert;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.signalbox.telemetry.health.AnomalyThresholds;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.telemetry.alerts.*}: anomaly alerts per endpoint (and provider-hosted model) and per provider,
 * and the routing-quality alert, delivered to one webhook.
 *
 * @param enabled evaluate at all
 * @param webhookUrl where notices are POSTed; unset: notices are kept and listed ({@code GET
 *     /api/v1/telemetry/alerts}) but not delivered
 * @param evaluationInterval how often every subject is judged
 * @param window the window judged: {@code 1m}, {@code 5m} (default) or {@code 1h}
 * @param resolveAfter how many evaluations in a row must find a firing alert's condition gone before it resolves
 *     (so one good interval in a bad stretch does not end the episode)
 * @param errorRate fire from this failed share of calls ...
 * @param minRequests ... over at least this many calls in the window
 * @param latencyFactor fire when the window's p95 exceeds this many times the last hour's p95 ...
 * @param latencyMinSamples ... with at least this many latencies in the window ...
 * @param baselineMinSamples ... and this many in the hour ...
 * @param latencyMinMillis ... and the window's p95 is at least this
 * @param delivery retries of the webhook
 * @param keepNotices how many notices the API lists, newest first
 */
@Validated
@ConfigurationProperties("signalbox.telemetry.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable @Pattern(regexp = "|https?://\\S+", message = "must be an http(s) URL") String webhookUrl,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 100) Duration evaluationInterval,
        @DefaultValue("5m") @NotNull @Pattern(regexp = "1m|5m|1h", message = "must be 1m, 5m or 1h") String window,
        @DefaultValue("2") @Min(1) int resolveAfter,
        @DefaultValue("0.2") @DecimalMin("0.01") @DecimalMax("1.0") double errorRate,
        @DefaultValue("20") @Min(1) long minRequests,
        @DefaultValue("3.0") @DecimalMin("1.0") double latencyFactor,
        @DefaultValue("50") @Min(1) long latencyMinSamples,
        @DefaultValue("200") @Min(1) long baselineMinSamples,
        @DefaultValue("1000") @Min(0) long latencyMinMillis,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue("200") @Min(1) @Max(10000) int keepNotices) {

    /** The webhook, or null when none is configured (blank counts as none). */
    public @Nullable URI webhook() {
        return webhookUrl == null || webhookUrl.isBlank() ? null : URI.create(webhookUrl.strip());
    }

    public AnomalyThresholds thresholds() {
        return new AnomalyThresholds(errorRate, minRequests, latencyFactor, latencyMinSamples, baselineMinSamples,
                latencyMinMillis);
    }

    /**
     * @param maxAttempts attempts per notice, the first included
     * @param initialBackoff the wait before the second attempt; doubled before each further one ...
     * @param maxBackoff ... up to this (a {@code Retry-After} up to this is honoured instead)
     * @param timeout how long one attempt may take
     */
    public record Delivery(
            @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
            @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration timeout) {
    }
}
