package io.signalbox.registry.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One change: never updated or deleted (the table refuses both). */
@Entity
@Immutable
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    private UUID id;

    @Column(insertable = false, updatable = false)
    private long seq;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String entity;

    @Column(name = "entity_id", nullable = false)
    private String entityId;

    @Column(nullable = false)
    private String operation;

    @Column(name = "catalog_version", nullable = false)
    private long catalogVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state", columnDefinition = "jsonb")
    private @Nullable JsonNode before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state", columnDefinition = "jsonb")
    private @Nullable JsonNode after;

    /** For JPA. */
    protected AuditEntry() {
        this.id = new UUID(0, 0);
        this.occurredAt = Instant.EPOCH;
        this.actor = "";
        this.entity = "";
        this.entityId = "";
        this.operation = "";
    }

    AuditEntry(UUID id, Instant occurredAt, String actor, String entity, String entityId, String operation,
            long catalogVersion, @Nullable JsonNode before, @Nullable JsonNode after) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.entity = entity;
        this.entityId = entityId;
        this.operation = operation;
        this.catalogVersion = catalogVersion;
        this.before = before;
        this.after = after;
    }

    public UUID getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getEntity() {
        return entity;
    }

    public String getEntityId() {
        return entityId;
    }

    public String getOperation() {
        return operation;
    }

    public long getCatalogVersion() {
        return catalogVersion;
    }

    public @Nullable JsonNode getBefore() {
        return before;
    }

    public @Nullable JsonNode getAfter() {
        return after;
    }
}
