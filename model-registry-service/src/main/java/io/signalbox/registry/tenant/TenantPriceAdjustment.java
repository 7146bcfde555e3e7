package io.signalbox.registry.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's negotiated discount or markup on list prices, for the whole tenant, one provider or one model,
 * from {@link #getEffectiveFrom()} until {@link #getEffectiveTo()} (open-ended when null). Unlike a price it may
 * be changed and deleted: every request records the rule id and percent it was charged with, so history does
 * not depend on the rule staying as it was.
 */
@Entity
@Table(name = "tenant_price_adjustments")
public class TenantPriceAdjustment extends RevisedEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "provider_id")
    private @Nullable UUID providerId;

    @Column(name = "model_id")
    private @Nullable UUID modelId;

    @Column(nullable = false, precision = 8, scale = 4)
    private BigDecimal percent;

    @Column(name = "effective_from", nullable = false)
    private Instant effectiveFrom;

    @Column(name = "effective_to")
    private @Nullable Instant effectiveTo;

    @Column(length = PriceAdjustmentRules.NOTE_LENGTH)
    private @Nullable String note;

    /** For JPA. */
    protected TenantPriceAdjustment() {
        this.tenantId = new UUID(0, 0);
        this.percent = BigDecimal.ZERO;
        this.effectiveFrom = Instant.EPOCH;
    }

    TenantPriceAdjustment(UUID tenantId, PriceAdjustmentRules.Terms terms, Instant createdAt) {
        super(createdAt);
        this.tenantId = tenantId;
        this.percent = BigDecimal.ZERO;
        this.effectiveFrom = Instant.EPOCH;
        apply(terms);
    }

    void update(PriceAdjustmentRules.Terms terms, Instant now) {
        apply(terms);
        touch(now);
    }

    private void apply(PriceAdjustmentRules.Terms terms) {
        this.providerId = terms.providerId();
        this.modelId = terms.modelId();
        this.percent = terms.percent();
        this.effectiveFrom = terms.effectiveFrom();
        this.effectiveTo = terms.effectiveTo();
        this.note = terms.note();
    }

    public UUID getTenantId() {
        return tenantId;
    }

    /** The provider whose models the rule covers; null for a tenant-wide or a model rule. */
    public @Nullable UUID getProviderId() {
        return providerId;
    }

    /** The one model the rule covers; null for a tenant-wide or a provider rule. */
    public @Nullable UUID getModelId() {
        return modelId;
    }

    /** Negative: a discount; positive: a markup; in percent of the list price, four decimal places. */
    public BigDecimal getPercent() {
        return percent;
    }

    public Instant getEffectiveFrom() {
        return effectiveFrom;
    }

    /** The end of the rule, exclusive; null: open-ended. */
    public @Nullable Instant getEffectiveTo() {
        return effectiveTo;
    }

    public @Nullable String getNote() {
        return note;
    }

    /** {@code tenant}, {@code provider} or {@code model}: what the rule covers. */
    public String getScope() {
        return terms().scope();
    }

    /** The rule's terms, as a create or an update would give them. */
    public PriceAdjustmentRules.Terms terms() {
        return new PriceAdjustmentRules.Terms(providerId, modelId, percent, effectiveFrom, effectiveTo, note);
    }

    /** The rule as routing receives it in the catalog. */
    public PriceAdjustment toInfo() {
        return new PriceAdjustment(getId().toString(), providerId == null ? null : providerId.toString(),
                modelId == null ? null : modelId.toString(), percent, effectiveFrom, effectiveTo);
    }

    /** What the audit log keeps of the rule. */
    AuditState auditState() {
        return new AuditState(tenantId.toString(), getScope(), providerId == null ? null : providerId.toString(),
                modelId == null ? null : modelId.toString(), percent.toPlainString(), effectiveFrom, effectiveTo, note);
    }

    record AuditState(String tenantId, String scope, @Nullable String providerId, @Nullable String modelId,
            String percent, Instant effectiveFrom, @Nullable Instant effectiveTo, @Nullable String note) {
    }
}
