package io.signalbox.registry.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * PostgreSQL keeps timestamps to the microsecond. Instants are cut to that precision before they are
 * stored, so what a create answers is exactly what a later read returns.
 */
public final class Times {

    private Times() {
    }

    public static Instant now(Clock clock) {
        return storable(clock.instant());
    }

    public static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
