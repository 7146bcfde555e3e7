package io.signalbox.registry.tenant;

import java.time.Instant;

import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A customer organisation: owns teams and keys, and is the top scope of cost allocation. */
@Entity
@Table(name = "tenants")
public class Tenant extends RevisedEntity {

    @Column(nullable = false)
    private String name;

    /** For JPA. */
    protected Tenant() {
        this.name = "";
    }

    Tenant(String name, Instant createdAt) {
        super(createdAt);
        this.name = name;
    }

    void rename(String name, Instant now) {
        this.name = name;
        touch(now);
    }

    public String getName() {
        return name;
    }

    /** What the audit log keeps of the tenant. */
    AuditState auditState() {
        return new AuditState(name);
    }

    record AuditState(String name) {
    }
}
