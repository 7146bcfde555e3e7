package io.signalbox.registry.tenant;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.common.Violations;
import io.signalbox.registry.model.ModelRepository;
import io.signalbox.registry.provider.ProviderRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, changes and deletes a tenant's price adjustments. Each change bumps the catalog version like
 * any registry change, so routing applies it from its next catalog load on (a rule that starts later is in the
 * catalog already and applies from its start without another change).
 */
@Service
public class PriceAdjustmentService {

    static final String ENTITY = "price-adjustment";

    private static final Sort BY_START = Sort.by("effectiveFrom", "id");

    private final TenantPriceAdjustmentRepository adjustments;

    private final TenantService tenants;

    private final ProviderRepository providers;

    private final ModelRepository models;

    private final RegistryChanges changes;

    private final Clock clock;

    PriceAdjustmentService(TenantPriceAdjustmentRepository adjustments, TenantService tenants,
            ProviderRepository providers, ModelRepository models, RegistryChanges changes, Clock clock) {
        this.adjustments = adjustments;
        this.tenants = tenants;
        this.providers = providers;
        this.models = models;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * @throws NotFoundException when the tenant does not exist
     * @throws io.signalbox.registry.common.ValidationFailedException when a rule of {@link PriceAdjustmentRules}
     *     is broken or the provider or model does not exist
     * @throws AlreadyExistsException when the tenant has a rule of the same scope starting at the same time
     */
    @Transactional
    public TenantPriceAdjustment create(UUID tenantId, @Nullable UUID providerId, @Nullable UUID modelId,
            @Nullable BigDecimal percent, @Nullable Instant effectiveFrom, @Nullable Instant effectiveTo,
            @Nullable String note) {
        changes.takeTurn();
        Tenant tenant = tenants.get(tenantId);
        PriceAdjustmentRules.Terms terms = checked(providerId, modelId, percent, effectiveFrom, effectiveTo, note);
        requireNoRival(tenant, terms, null);
        TenantPriceAdjustment adjustment = adjustments.save(new TenantPriceAdjustment(tenantId, terms, clock.instant()));
        changes.created(ENTITY, adjustment.getId(), adjustment.auditState());
        return adjustment;
    }

    /**
     * Replaces the rule's terms; it stays with its tenant.
     *
     * @throws NotFoundException when the tenant or the rule (of that tenant) does not exist
     * @throws io.signalbox.registry.common.StaleRevisionException when the rule changed since {@code expectedRevision}
     * @throws AlreadyExistsException when another rule of the tenant has the same scope and start
     */
    @Transactional
    public TenantPriceAdjustment update(UUID tenantId, UUID id, @Nullable Long expectedRevision,
            @Nullable UUID providerId, @Nullable UUID modelId, @Nullable BigDecimal percent,
            @Nullable Instant effectiveFrom, @Nullable Instant effectiveTo, @Nullable String note) {
        changes.takeTurn();
        TenantPriceAdjustment adjustment = get(tenantId, id);
        if (expectedRevision != null) {
            adjustment.requireRevision(ENTITY, expectedRevision);
        }
        PriceAdjustmentRules.Terms terms = checked(providerId, modelId, percent, effectiveFrom, effectiveTo, note);
        requireNoRival(tenants.get(tenantId), terms, id);
        TenantPriceAdjustment.AuditState before = adjustment.auditState();
        adjustment.update(terms, clock.instant());
        changes.updated(ENTITY, id, before, adjustment.auditState());
        adjustments.flush();
        return adjustment;
    }

    /** @throws NotFoundException when the tenant or the rule (of that tenant) does not exist */
    @Transactional
    public void delete(UUID tenantId, UUID id, @Nullable Long expectedRevision) {
        TenantPriceAdjustment adjustment = get(tenantId, id);
        if (expectedRevision != null) {
            adjustment.requireRevision(ENTITY, expectedRevision);
        }
        adjustments.delete(adjustment);
        changes.deleted(ENTITY, id, adjustment.auditState());
    }

    /** The tenant's rules, by start. @throws NotFoundException when the tenant does not exist */
    @Transactional(readOnly = true)
    public Page<TenantPriceAdjustment> list(UUID tenantId, Pageable page) {
        tenants.get(tenantId);
        return adjustments.findByTenantId(tenantId, page);
    }

    /** Every rule of the tenant, by start. */
    @Transactional(readOnly = true)
    public List<TenantPriceAdjustment> all(UUID tenantId) {
        return adjustments.findByTenantId(tenantId, BY_START);
    }

    /** @throws NotFoundException when the tenant has no such rule */
    @Transactional(readOnly = true)
    public TenantPriceAdjustment get(UUID tenantId, UUID id) {
        tenants.get(tenantId);
        return adjustments.findByIdAndTenantId(id, tenantId)
                .orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    private PriceAdjustmentRules.Terms checked(@Nullable UUID providerId, @Nullable UUID modelId,
            @Nullable BigDecimal percent, @Nullable Instant effectiveFrom, @Nullable Instant effectiveTo,
            @Nullable String note) {
        PriceAdjustmentRules.Terms terms = PriceAdjustmentRules.check(providerId, modelId, percent, effectiveFrom,
                effectiveTo, note, clock.instant());
        Violations violations = new Violations();
        if (providerId != null && !providers.existsById(providerId)) {
            violations.add("providerId", "no provider with id '" + providerId + "'");
        }
        if (modelId != null && !models.existsById(modelId)) {
            violations.add("modelId", "no model with id '" + modelId + "'");
        }
        violations.throwIfAny();
        return terms;
    }

    /** Two rules of one scope starting together would leave it to chance which applies; refused. */
    private void requireNoRival(Tenant tenant, PriceAdjustmentRules.Terms terms, @Nullable UUID self) {
        for (TenantPriceAdjustment other : adjustments.findByTenantId(tenant.getId(), BY_START)) {
            if (!other.getId().equals(self) && other.terms().sameScopeAndStart(terms)) {
                String scope = switch (terms.scope()) {
                    case "model" -> "for model " + terms.modelId();
                    case "provider" -> "for provider " + terms.providerId();
                    default -> "tenant-wide";
                };
                throw new AlreadyExistsException(ENTITY, "effectiveFrom", "Tenant '" + tenant.getName()
                        + "' already has a price adjustment " + scope + " effective from " + terms.effectiveFrom()
                        + " (" + other.getId() + "); change that one, or give this one another start.");
            }
        }
    }
}
