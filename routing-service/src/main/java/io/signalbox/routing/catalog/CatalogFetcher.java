package io.signalbox.routing.catalog;

import io.signalbox.contracts.catalog.CatalogSnapshot;

/** Where snapshots come from; the registry over HTTP in production. */
@FunctionalInterface
interface CatalogFetcher {

    /** Fetches the current snapshot; any runtime exception means "try again later". */
    CatalogSnapshot fetch();
}
