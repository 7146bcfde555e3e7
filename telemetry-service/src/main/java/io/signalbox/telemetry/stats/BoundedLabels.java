package io.signalbox.telemetry.stats;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the distinct values of one metric label: the first {@code max} values pass, later new ones become
 * {@value #OTHER}. Tenant and team ids come from the registry, but a cap keeps the number of series bounded whatever
 * happens.
 */
final class BoundedLabels {

    static final String OTHER = "_OTHER";

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    private final int max;

    BoundedLabels(int max) {
        this.max = max;
    }

    String of(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        if (admitted.size() >= max) {
            return OTHER;
        }
        admitted.add(value);
        return value;
    }
}
