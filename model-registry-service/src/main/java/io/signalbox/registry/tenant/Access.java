package io.signalbox.registry.tenant;

import java.util.List;
import java.util.TreeSet;

/**
 * A tenant's allow-lists: the model names and route aliases its requests may use, and the regions they may run
 * in. Empty lists: unrestricted. Stored sorted and without duplicates.
 */
public record Access(List<String> models, List<String> regions) {

    public static final Access UNRESTRICTED = new Access(List.of(), List.of());

    public Access {
        models = normalise(models);
        regions = normalise(regions);
    }

    public boolean isUnrestricted() {
        return models.isEmpty() && regions.isEmpty();
    }

    static List<String> normalise(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }
}
