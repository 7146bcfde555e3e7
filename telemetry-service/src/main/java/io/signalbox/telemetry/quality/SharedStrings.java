package io.signalbox.telemetry.quality;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * One shared copy of each value that many remembered requests repeat: tenant, team, route, policy, model, provider,
 * tier. Every usage event is parsed into new strings, so without this each remembered request held its own copies,
 * about half of its memory. Bounded: past {@code capacity} distinct values, new ones are kept as they come.
 */
final class SharedStrings {

    private final ConcurrentMap<String, String> values = new ConcurrentHashMap<>();

    private final int capacity;

    SharedStrings(int capacity) {
        this.capacity = capacity;
    }

    @Nullable String of(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (values.size() >= capacity) {
            return value;
        }
        String raced = values.putIfAbsent(value, value);
        return raced == null ? value : raced;
    }
}
