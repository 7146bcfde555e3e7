package io.signalbox.registry.tenant;

import java.time.Instant;
import java.util.UUID;

import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A team of a tenant; its name is unique within the tenant. */
@Entity
@Table(name = "teams")
public class Team extends RevisedEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    /** For JPA. */
    protected Team() {
        this.tenantId = new UUID(0, 0);
        this.name = "";
    }

    Team(UUID tenantId, String name, Instant createdAt) {
        super(createdAt);
        this.tenantId = tenantId;
        this.name = name;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    void rename(String name, Instant now) {
        this.name = name;
        touch(now);
    }

    public String getName() {
        return name;
    }

    /** What the audit log keeps of the team. */
    AuditState auditState() {
        return new AuditState(tenantId.toString(), name);
    }

    record AuditState(String tenantId, String name) {
    }
}
