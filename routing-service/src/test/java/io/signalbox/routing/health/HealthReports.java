package io.signalbox.routing.health;

import java.time.Duration;
import java.time.Instant;

import io.signalbox.contracts.health.EndpointHealth;
import org.jspecify.annotations.Nullable;

/** Health reports for tests: a one-minute window of 100 requests, 2 failed, ending at the given instant. */
public final class HealthReports {

    public static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private HealthReports() {
    }

    public static EndpointHealth report(String modelId, @Nullable String endpointId, @Nullable Double ttftP50,
            Instant windowEnd) {
        return new EndpointHealth(modelId, endpointId, "prov", windowEnd.minus(Duration.ofMinutes(1)), windowEnd, 100,
                2, ttftP50, ttftP50 == null ? null : ttftP50 * 2, 900.0, 1800.0, windowEnd);
    }

    /** A one-minute window of 40 calls, 30 failed, that telemetry judged unhealthy. */
    public static EndpointHealth unhealthy(String modelId, @Nullable String endpointId, Instant windowEnd) {
        return new EndpointHealth(modelId, endpointId, "prov", windowEnd.minus(Duration.ofMinutes(1)), windowEnd, 40,
                30, null, null, 900.0, 1800.0, windowEnd, true, "error rate 75% over 40 calls in 1m (limit 50%)",
                850.0);
    }
}
