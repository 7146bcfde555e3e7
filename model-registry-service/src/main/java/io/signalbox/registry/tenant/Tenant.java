package io.signalbox.registry.tenant;

import java.time.Instant;
import java.util.List;

import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A customer organisation: owns teams and keys, and is the top scope of cost allocation. */
@Entity
@Table(name = "tenants")
public class Tenant extends RevisedEntity {

    @Column(nullable = false)
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_models", nullable = false, columnDefinition = "text[]")
    private List<String> allowedModels;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_regions", nullable = false, columnDefinition = "text[]")
    private List<String> allowedRegions;

    /** For JPA. */
    protected Tenant() {
        this.name = "";
        this.allowedModels = List.of();
        this.allowedRegions = List.of();
    }

    Tenant(String name, Access access, Instant createdAt) {
        super(createdAt);
        this.name = name;
        this.allowedModels = access.models();
        this.allowedRegions = access.regions();
    }

    void update(String name, Access access, Instant now) {
        this.name = name;
        this.allowedModels = access.models();
        this.allowedRegions = access.regions();
        touch(now);
    }

    public String getName() {
        return name;
    }

    /** What the tenant's requests may use; empty lists: anything. */
    public Access getAccess() {
        return new Access(allowedModels, allowedRegions);
    }

    /**
     * What routing needs to enforce the tenant's allow-lists and apply its price adjustments; null when the
     * tenant is unrestricted and pays list prices.
     */
    public @Nullable TenantInfo toInfo(List<PriceAdjustment> adjustments) {
        Access access = getAccess();
        return access.isUnrestricted() && adjustments.isEmpty() ? null
                : new TenantInfo(getId().toString(), name, access.models(), access.regions(), adjustments);
    }

    /** What the audit log keeps of the tenant. */
    AuditState auditState() {
        return new AuditState(name, getAccess().models(), getAccess().regions());
    }

    record AuditState(String name, List<String> allowedModels, List<String> allowedRegions) {
    }
}
