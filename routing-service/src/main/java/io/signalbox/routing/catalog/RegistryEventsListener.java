package io.signalbox.routing.catalog;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import io.signalbox.contracts.registry.RegistryChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hears every registry change. Each routing instance must hold the whole catalog, so each one is its
 * own consumer group (a random group id) and starts at the latest offset: what happened before it
 * started is already in the snapshot it loads at start.
 */
@Component
class RegistryEventsListener {

    static final String LISTENER_ID = "registry-events";

    private static final Logger log = LoggerFactory.getLogger(RegistryEventsListener.class);

    private final CatalogSync sync;

    RegistryEventsListener(CatalogSync sync) {
        this.sync = sync;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.REGISTRY, groupId = "routing-service-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void onRegistryChanged(String payload) {
        RegistryChanged event;
        try {
            event = ContractJson.fromJson(payload, RegistryChanged.class);
        }
        catch (MalformedEventException ex) {
            log.warn("Skipping a malformed event on {}: {}", Topics.REGISTRY, ex.getMessage());
            return;
        }
        log.debug("Registry change {} {} {} -> catalog version {}",
                event.operation(), event.entity(), event.entityId(), event.catalogVersion());
        sync.onRegistryChanged(event.catalogVersion());
    }
}
