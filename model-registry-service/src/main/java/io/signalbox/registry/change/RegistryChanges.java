package io.signalbox.registry.change;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.contracts.registry.RegistryChanged.Operation;
import io.signalbox.registry.audit.AuditLog;
import io.signalbox.registry.common.Times;
import io.signalbox.registry.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a registry change: bumps the catalog version, puts a {@link RegistryChanged} for
 * {@link Topics#REGISTRY} in the outbox and writes the audit entry. It joins the caller's transaction
 * (and refuses to run without one), so the change, the new version, the event and the audit entry
 * commit or roll back together.
 *
 * <p>States are the entity's audit view (secrets left out), taken before and after the change.
 */
@Component
public class RegistryChanges {

    private final CatalogVersionRepository versions;

    private final Outbox outbox;

    private final AuditLog audit;

    private final Clock clock;

    RegistryChanges(CatalogVersionRepository versions, Outbox outbox, AuditLog audit, Clock clock) {
        this.versions = versions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Waits until no other registry write is in progress and holds the turn until the caller's transaction
     * ends. A writer whose checks span tables (a model name must not be a route alias, and the other way
     * round) calls this before checking, so two writers cannot both pass the check and both commit.
     * Recording the change later in the same transaction keeps the turn it already has.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeTurn() {
        versions.lockForUpdate();
    }

    /**
     * @param entity the entity kind as named in {@link RegistryChanged#entity()}
     * @return the event, carrying the new catalog version
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RegistryChanged created(String entity, UUID id, Object after) {
        return record(entity, id, Operation.CREATED, null, after);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public RegistryChanged updated(String entity, UUID id, Object before, Object after) {
        return record(entity, id, Operation.UPDATED, before, after);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public RegistryChanged deleted(String entity, UUID id, Object before) {
        return record(entity, id, Operation.DELETED, before, null);
    }

    private RegistryChanged record(String entity, UUID id, Operation operation, @Nullable Object before,
            @Nullable Object after) {
        long version = versions.lockForUpdate().bump();
        RegistryChanged event = new RegistryChanged(UUID.randomUUID(), entity, id.toString(), operation, version,
                Times.now(clock));
        outbox.append(event.eventId(), Topics.REGISTRY, event.entityId(), ContractJson.toJson(event));
        audit.record(entity, event.entityId(), operation.name(), version, before, after);
        return event;
    }

    /** The catalog version as of the caller's transaction. */
    @Transactional(readOnly = true)
    public long currentVersion() {
        return versions.current();
    }
}
