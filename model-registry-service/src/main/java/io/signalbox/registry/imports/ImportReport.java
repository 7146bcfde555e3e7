package io.signalbox.registry.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, or with {@code dryRun} would do: each entity created or updated, how many were
 * already as imported, and each entry skipped with the reason.
 */
public record ImportReport(boolean dryRun, List<Change> created, List<Change> updated, int unchanged,
        List<Skipped> skipped) {

    public ImportReport {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        skipped = List.copyOf(skipped);
    }

    /** An entity the import created or changed, by kind and name. */
    public record Change(String entity, String name) {
    }

    /** An entry of the source the import could not map, and why. */
    public record Skipped(String name, String reason) {
    }

    /** Collects the report while an import runs. */
    static final class Builder {

        private final List<Change> created = new ArrayList<>();

        private final List<Change> updated = new ArrayList<>();

        private final List<Skipped> skipped = new ArrayList<>();

        private int unchanged;

        void created(String entity, String name) {
            created.add(new Change(entity, name));
        }

        void updated(String entity, String name) {
            updated.add(new Change(entity, name));
        }

        void unchanged() {
            unchanged++;
        }

        void skipped(String name, String reason) {
            skipped.add(new Skipped(name, reason));
        }

        ImportReport build(boolean dryRun) {
            return new ImportReport(dryRun, created, updated, unchanged, skipped);
        }
    }
}
