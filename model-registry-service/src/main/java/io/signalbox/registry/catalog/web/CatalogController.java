package io.signalbox.registry.catalog.web;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.registry.catalog.CatalogSnapshots;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog for routing-service and the gateway, behind the internal token. Its entity tag is the catalog
 * version, which every registry change bumps: a reader that sends the tag of the snapshot it holds in
 * {@code If-None-Match} gets {@code 304 Not Modified} for the price of one read of the version, instead of a
 * snapshot assembled from every catalog table. Routing and telemetry resync that way on a timer.
 */
@RestController
class CatalogController {

    private final CatalogSnapshots catalog;

    CatalogController(CatalogSnapshots catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/internal/v1/catalog")
    ResponseEntity<CatalogSnapshot> catalog(@RequestHeader HttpHeaders request) {
        if (!request.getIfNoneMatch().isEmpty()) {
            String current = CatalogSnapshot.entityTag(catalog.currentVersion());
            if (request.getIfNoneMatch().stream().anyMatch(tag -> matches(tag, current))) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(current).build();
            }
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        // tagged with the snapshot's own version: a change committed after the check above is in it
        return ResponseEntity.ok().eTag(CatalogSnapshot.entityTag(snapshot.version())).body(snapshot);
    }

    /** RFC 9110's weak comparison, which is what If-None-Match uses: {@code W/} is ignored, {@code *} matches. */
    private static boolean matches(String tag, String current) {
        String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
        return strong.equals("*") || strong.equals(current);
    }
}
