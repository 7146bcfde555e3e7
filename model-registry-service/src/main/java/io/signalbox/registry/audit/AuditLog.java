package io.signalbox.registry.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Writes and reads the audit log. */
@Service
public class AuditLog {

    private final AuditRepository entries;

    private final Actors actors;

    private final Clock clock;

    AuditLog(AuditRepository entries, Actors actors, Clock clock) {
        this.entries = entries;
        this.actors = actors;
        this.clock = clock;
    }

    /**
     * Records a change in the caller's transaction.
     *
     * @param before the entity's audit state before the change (null for a create)
     * @param after the entity's audit state after the change (null for a delete)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entity, String entityId, String operation, long catalogVersion,
            @Nullable Object before, @Nullable Object after) {
        entries.save(new AuditEntry(UUID.randomUUID(), Times.now(clock), actors.current(), entity, entityId, operation,
                catalogVersion, tree(before), tree(after)));
    }

    /** Entries matching every given filter, newest first. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(@Nullable String entity, @Nullable String entityId, @Nullable String actor,
            @Nullable Instant from, @Nullable Instant to, Pageable page) {
        Filters<AuditEntry> filters = new Filters<AuditEntry>().equal("entity", entity).equal("entityId", entityId)
                .equal("actor", actor).atLeast("occurredAt", from).before("occurredAt", to);
        return entries.findAll(filters.toSpecification(), page);
    }

    private static @Nullable JsonNode tree(@Nullable Object state) {
        return state == null ? null : ContractJson.mapper().valueToTree(state);
    }
}
