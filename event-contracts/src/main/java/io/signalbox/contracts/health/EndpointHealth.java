package io.signalbox.contracts.health;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How one serving target has done over a recent window, published by telemetry-service to
 * {@link io.signalbox.contracts.Topics#ENDPOINT_HEALTH} (compacted) keyed by {@link #key()}: a pool endpoint by its
 * id, a provider-hosted model (which has no endpoint of ours) by its model id. Routing uses it where it cannot
 * scrape the server itself.
 *
 * @param endpointId the pool endpoint; null for a provider-hosted model
 * @param requests requests that finished in the window
 * @param errors those that failed (upstream errors, timeouts, broken streams)
 * @param ttftP50Millis median time to first token of streamed requests; null when none streamed
 * @param latencyP50Millis median total latency; null when no request finished
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
        Instant observedAt) {

    public EndpointHealth {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(observedAt, "observedAt");
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException("need 0 <= errors <= requests, got " + errors + " of " + requests);
        }
    }

    /** The record key on the topic: {@code endpoint:<id>} or {@code model:<id>}. */
    public String key() {
        return endpointId != null ? "endpoint:" + endpointId : "model:" + modelId;
    }

    /** Failed share of the window's requests; 0 when there were none. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
