package io.signalbox.registry.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.signalbox.contracts.catalog.TeamInfo;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
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

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_models", nullable = false, columnDefinition = "text[]")
    private List<String> allowedModels;

    /** For JPA. */
    protected Team() {
        this.tenantId = new UUID(0, 0);
        this.name = "";
        this.allowedModels = List.of();
    }

    Team(UUID tenantId, String name, Instant createdAt) {
        super(createdAt);
        this.tenantId = tenantId;
        this.name = name;
        this.allowedModels = List.of();
    }

    public UUID getTenantId() {
        return tenantId;
    }

    void update(String name, RateLimits limits, List<String> allowedModels, Instant now) {
        this.name = name;
        setLimits(limits);
        restrict(allowedModels);
        touch(now);
    }

    void restrict(List<String> allowedModels) {
        this.allowedModels = Access.normalise(allowedModels);
    }

    /** The model names and route aliases the team's requests may use; empty: any. */
    public List<String> getAllowedModels() {
        return List.copyOf(allowedModels);
    }

    /** What routing needs to enforce the team's allow-list; null when the team is unrestricted. */
    public @Nullable TeamInfo toInfo() {
        return allowedModels.isEmpty() ? null
                : new TeamInfo(getId().toString(), tenantId.toString(), name, getAllowedModels());
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
        return new AuditState(tenantId.toString(), name, getLimits(), getAllowedModels());
    }

    record AuditState(String tenantId, String name, RateLimits limits, List<String> allowedModels) {
    }
}
