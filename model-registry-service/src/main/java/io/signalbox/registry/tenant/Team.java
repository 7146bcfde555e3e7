package io.signalbox.registry.tenant;

import java.time.Instant;
import java.util.UUID;

import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import io.signalbox.contracts.identity.RateLimits;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A team of a tenant; its name is unique within the tenant. */
@Entity
@Table(name = "teams")
public class Team extends RevisedEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    @Column(name = "requests_per_minute")
    private @Nullable Integer requestsPerMinute;

    @Column(name = "tokens_per_minute")
    private @Nullable Integer tokensPerMinute;

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

    void update(String name, RateLimits limits, Instant now) {
        this.name = name;
        setLimits(limits);
        touch(now);
    }

    void setLimits(RateLimits limits) {
        this.requestsPerMinute = limits.requestsPerMinute();
        this.tokensPerMinute = limits.tokensPerMinute();
    }

    /** The limits all keys of the team share. */
    public RateLimits getLimits() {
        return new RateLimits(requestsPerMinute, tokensPerMinute);
    }

    public String getName() {
        return name;
    }

    /** What the audit log keeps of the team. */
    AuditState auditState() {
        return new AuditState(tenantId.toString(), name, getLimits());
    }

    record AuditState(String tenantId, String name, RateLimits limits) {
    }
}
