package io.signalbox.contracts.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One of a tenant's negotiated price rules, as routing receives it in the catalog: the tenant's requests pay
 * the list price changed by {@link #percent()} while the rule is in effect. A rule covers the whole tenant,
 * one provider, or one model; when several are in effect for a request, the most specific wins (model, then
 * provider, then tenant-wide), and among equally specific ones the one that took effect last. The rule's id
 * ends up in {@link PriceSnapshot#adjustmentRuleId()}, so every charged request names the rule it was
 * charged under.
 *
 * @param providerId the provider whose models the rule covers; null for a tenant-wide or a model rule
 * @param modelId the one model the rule covers; null for a tenant-wide or a provider rule
 * @param percent the discount (negative) or markup (positive), greater than -100 and at most 1000
 * @param effectiveTo the end of the rule, exclusive; null: open-ended
 */
public record PriceAdjustment(String id, @Nullable String providerId, @Nullable String modelId, BigDecimal percent,
        Instant effectiveFrom, @Nullable Instant effectiveTo) {

    /** How specific a rule is; a more specific rule wins over a less specific one. */
    public enum Scope {
        TENANT, PROVIDER, MODEL
    }

    public PriceAdjustment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(percent, "percent");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        PriceSnapshot.requireAdjustmentInBounds(percent);
        if (providerId != null && modelId != null) {
            throw new IllegalArgumentException("A price adjustment covers a provider or a model, not both");
        }
        if (effectiveTo != null && !effectiveTo.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("effectiveTo must be after effectiveFrom");
        }
    }

    public Scope scope() {
        return modelId != null ? Scope.MODEL : providerId != null ? Scope.PROVIDER : Scope.TENANT;
    }

    /** Whether the rule covers a model of a provider, whatever the time. */
    public boolean covers(String targetProviderId, String targetModelId) {
        return switch (scope()) {
            case MODEL -> targetModelId.equals(modelId);
            case PROVIDER -> targetProviderId.equals(providerId);
            case TENANT -> true;
        };
    }

    /** Whether the rule applies at {@code at}: from {@link #effectiveFrom()} (inclusive) to {@link #effectiveTo()}. */
    public boolean inEffectAt(Instant at) {
        return !effectiveFrom.isAfter(at) && (effectiveTo == null || at.isBefore(effectiveTo));
    }
}
