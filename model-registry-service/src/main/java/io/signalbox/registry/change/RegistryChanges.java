package io.signalbox.registry.change;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.registry.common.Times;
import io.signalbox.registry.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a registry change: bumps the catalog version and puts a {@link RegistryChanged} for
 * {@link Topics#REGISTRY} in the outbox. It joins the caller's transaction (and refuses to run
 * without one), so the change, the new version and the event commit or roll back together.
 */
@Component
public class RegistryChanges {

    private final CatalogVersionRepository versions;

    private final Outbox outbox;

    private final Clock clock;

    RegistryChanges(CatalogVersionRepository versions, Outbox outbox, Clock clock) {
        this.versions = versions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param entity the entity kind as named in {@link RegistryChanged#entity()}
     * @return the event, carrying the new catalog version
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RegistryChanged created(String entity, UUID id) {
        long version = versions.lockForUpdate().bump();
        RegistryChanged event = new RegistryChanged(UUID.randomUUID(), entity, id.toString(),
                RegistryChanged.Operation.CREATED, version, Times.now(clock));
        outbox.append(event.eventId(), Topics.REGISTRY, event.entityId(), ContractJson.toJson(event));
        return event;
    }

    /** The catalog version as of the caller's transaction. */
    @Transactional(readOnly = true)
    public long currentVersion() {
        return versions.current();
    }
}
