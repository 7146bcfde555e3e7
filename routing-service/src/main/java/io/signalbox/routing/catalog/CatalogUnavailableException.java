package io.signalbox.routing.catalog;

/**
 * No catalog snapshot has been loaded yet, so nothing can be routed. Temporary by nature: the loader
 * keeps retrying until the registry answers.
 */
public class CatalogUnavailableException extends RuntimeException {

    public CatalogUnavailableException() {
        super("No catalog has been loaded from model-registry-service yet; routing starts once it has.");
    }
}
