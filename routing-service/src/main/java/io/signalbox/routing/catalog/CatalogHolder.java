package io.signalbox.routing.catalog;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The catalog in use. Readers take the current reference once per decision and keep using that
 * object, so a concurrent swap can never give one decision half of each version.
 */
@Component
public class CatalogHolder {

    private final AtomicReference<@Nullable Catalog> current = new AtomicReference<>();

    /**
     * The catalog to decide with.
     *
     * @throws CatalogUnavailableException before the first snapshot is loaded
     */
    public Catalog current() {
        Catalog catalog = current.get();
        if (catalog == null) {
            throw new CatalogUnavailableException();
        }
        return catalog;
    }

    public Optional<Catalog> loaded() {
        return Optional.ofNullable(current.get());
    }

    /** Only {@link CatalogSync} swaps catalogs; loads are serialised there, so the last one wins. */
    void replace(Catalog catalog) {
        current.set(catalog);
    }
}
