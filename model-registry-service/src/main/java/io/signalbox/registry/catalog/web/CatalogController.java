package io.signalbox.registry.catalog.web;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.registry.catalog.CatalogSnapshots;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalog for routing-service and the gateway, behind the internal token. */
@RestController
class CatalogController {

    private final CatalogSnapshots catalog;

    CatalogController(CatalogSnapshots catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/internal/v1/catalog")
    CatalogSnapshot catalog() {
        return catalog.snapshot();
    }
}
