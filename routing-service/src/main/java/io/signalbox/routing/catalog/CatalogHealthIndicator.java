package io.signalbox.routing.catalog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness group: an instance without a catalog can only answer 503, so it should get
 * no traffic until the first snapshot is in. Once loaded it stays UP even if the registry goes away,
 * because the held catalog keeps routing correctly.
 */
@Component
class CatalogHealthIndicator implements HealthIndicator {

    private final CatalogHolder holder;

    CatalogHealthIndicator(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public Health health() {
        return holder.loaded()
                .map(catalog -> Health.up()
                        .withDetail("version", catalog.version())
                        .withDetail("routes", catalog.routeCount())
                        .withDetail("models", catalog.modelCount())
                        .build())
                .orElseGet(() -> Health.down()
                        .withDetail("reason", "no catalog loaded from model-registry-service yet")
                        .build());
    }
}
