package io.signalbox.contracts.health;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How one serving target has done over a recent window, published by telemetry-service to
 * {@link io.signalbox.contracts.Topics#ENDPOINT_HEALTH} (compacted) keyed by {@link #key()}: a pool endpoint by its
 * id, a provider-hosted model (which has no endpoint of ours) by its model id. Routing uses it where it cannot
 * scrape the server itself, and to put targets telemetry judges unhealthy behind the others.
 *
 * <p>Counts are upstream calls, not client requests: a call that failed and was retried elsewhere counts against
 * the target that failed, which is what routing needs to know.
 *
 * @param endpointId the pool endpoint; null for a provider-hosted model
 * @param requests calls that finished in the window
 * @param errors those that failed (upstream errors, timeouts, broken streams)
 * @param ttftP50Millis median time to first token of streamed requests; null when none streamed
 * @param latencyP50Millis median total latency; null when no request finished
 * @param unhealthy telemetry's hint that routing should try other targets first (see {@code unhealthyReason});
 *     a report without it (from a producer that predates it) reads as false, so the accessor is never null
 * @param unhealthyReason why the target is judged unhealthy, for explanations and operators; null when healthy
 * @param latencyBaselineP95Millis the 95th percentile latency over the last hour, the baseline the latency rule
 *     compares with; null when unknown
 */
public record EndpointHealth(
        String modelId,
        @Nullable String endpointId,
        @Nullable String providerId,
        Instant windowStart,
        Instant windowEnd,
        long requests,
        long errors,
        @Nullable Double ttftP50Millis,
        @Nullable Double ttftP95Millis,
        @Nullable Double latencyP50Millis,
        @Nullable Double latencyP95Millis,
        Instant observedAt,
        @Nullable Boolean unhealthy,
        @Nullable String unhealthyReason,
        @Nullable Double latencyBaselineP95Millis) {

    public EndpointHealth {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(observedAt, "observedAt");
        unhealthy = Boolean.TRUE.equals(unhealthy);
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException("need 0 <= errors <= requests, got " + errors + " of " + requests);
        }
    }

    /** A report without a health verdict (the shape before telemetry judged health). */
    public EndpointHealth(String modelId, @Nullable String endpointId, @Nullable String providerId, Instant windowStart,
            Instant windowEnd, long requests, long errors, @Nullable Double ttftP50Millis,
            @Nullable Double ttftP95Millis, @Nullable Double latencyP50Millis, @Nullable Double latencyP95Millis,
            Instant observedAt) {
        this(modelId, endpointId, providerId, windowStart, windowEnd, requests, errors, ttftP50Millis, ttftP95Millis,
                latencyP50Millis, latencyP95Millis, observedAt, false, null, null);
    }

    /** The record key on the topic: {@code endpoint:<id>} or {@code model:<id>}. */
    public String key() {
        return endpointId != null ? endpointKey(endpointId) : hostedModelKey(modelId);
    }

    /** The key of a pool endpoint's reports. */
    public static String endpointKey(String endpointId) {
        return "endpoint:" + endpointId;
    }

    /** The key of a provider-hosted model's reports. */
    public static String hostedModelKey(String modelId) {
        return "model:" + modelId;
    }

    /** Whether telemetry judged the target unhealthy. */
    public boolean isUnhealthy() {
        return Boolean.TRUE.equals(unhealthy);
    }

    /** Failed share of the window's requests; 0 when there were none. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
