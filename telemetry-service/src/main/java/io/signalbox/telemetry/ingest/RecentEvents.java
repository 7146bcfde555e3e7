package io.signalbox.telemetry.ingest;

import java.util.UUID;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A bounded memory of event ids already counted. Caffeine evicts the least useful ids once the bound is
 * reached, so memory stays flat however long the service runs.
 */
final class RecentEvents {

    private final ConcurrentMap<UUID, Boolean> seen;

    RecentEvents(long capacity) {
        this.seen = Caffeine.newBuilder().maximumSize(capacity).<UUID, Boolean>build().asMap();
    }

    /** True exactly once per event id (while it is remembered), even when called concurrently. */
    boolean firstSighting(UUID eventId) {
        return seen.putIfAbsent(eventId, Boolean.TRUE) == null;
    }
}
