package io.signalbox.routing.catalog;

import java.util.Optional;

import io.signalbox.contracts.catalog.CatalogSnapshot;

/** Where snapshots come from; the registry over HTTP in production. */
@FunctionalInterface
interface CatalogFetcher {

    /** Fetches the current snapshot; any runtime exception means "try again later". */
    CatalogSnapshot fetch();

    /**
     * The current snapshot, or empty when the source confirms that the snapshot of {@code heldVersion} is still
     * current, which costs it far less than assembling a snapshot. A source that cannot tell fetches.
     */
    default Optional<CatalogSnapshot> fetchIfChanged(long heldVersion) {
        return Optional.of(fetch());
    }
}
