package io.signalbox.routing.catalog;

import io.signalbox.contracts.catalog.CatalogSnapshot;

/** For benchmarks that run the engine outside Spring: a holder with a catalog already loaded. */
public final class BenchCatalogs {

    private BenchCatalogs() {
    }

    public static CatalogHolder holding(CatalogSnapshot snapshot) {
        CatalogHolder holder = new CatalogHolder();
        holder.replace(Catalog.of(snapshot));
        return holder;
    }
}
