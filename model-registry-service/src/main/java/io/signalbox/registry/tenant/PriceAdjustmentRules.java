package io.signalbox.registry.tenant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.registry.common.Times;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.Violations;
import org.jspecify.annotations.Nullable;

/**
 * The rules a tenant's price adjustment must follow, whether it comes through the API or a configuration file.
 * The percent is exact: more decimal places than the database keeps (four) are refused rather than rounded,
 * so the percent an admin enters is the one every request is charged with.
 */
public final class PriceAdjustmentRules {

    /** Decimal places kept for a percent: {@code numeric(8, 4)}. */
    public static final int PERCENT_SCALE = 4;

    /** The longest note. */
    public static final int NOTE_LENGTH = 500;

    private PriceAdjustmentRules() {
    }

    /**
     * Checks an adjustment and fills in its default: it takes effect now unless a time is given. Whether the
     * provider or model exists is the service's check.
     *
     * @throws ValidationFailedException listing every broken rule
     */
    public static Terms check(@Nullable UUID providerId, @Nullable UUID modelId, @Nullable BigDecimal percent,
            @Nullable Instant effectiveFrom, @Nullable Instant effectiveTo, @Nullable String note, Instant now) {
        Violations violations = new Violations();
        if (percent == null) {
            violations.add("percent", "is required: negative for a discount, positive for a markup");
        }
        else {
            if (percent.compareTo(PriceSnapshot.MIN_ADJUSTMENT_PERCENT_EXCLUSIVE) <= 0
                    || percent.compareTo(PriceSnapshot.MAX_ADJUSTMENT_PERCENT) > 0) {
                violations.add("percent", "must be greater than -100 and at most 1000");
            }
            if (percent.stripTrailingZeros().scale() > PERCENT_SCALE) {
                violations.add("percent", "must have at most " + PERCENT_SCALE + " decimal places");
            }
        }
        if (providerId != null && modelId != null) {
            violations.add("modelId", "give providerId or modelId, not both: a model rule covers one model of its "
                    + "provider, a provider rule all of them");
        }
        Instant from = Times.storable(effectiveFrom == null ? now : effectiveFrom);
        Instant to = effectiveTo == null ? null : Times.storable(effectiveTo);
        if (to != null && !to.isAfter(from)) {
            violations.add("effectiveTo", "must be after effectiveFrom (" + from + ")");
        }
        String trimmed = note == null || note.isBlank() ? null : note.strip();
        if (trimmed != null && trimmed.length() > NOTE_LENGTH) {
            violations.add("note", "must be at most " + NOTE_LENGTH + " characters");
        }
        violations.throwIfAny();
        return new Terms(providerId, modelId, Objects.requireNonNull(percent).setScale(PERCENT_SCALE), from, to,
                trimmed);
    }

    /** A checked adjustment, percent at {@link #PERCENT_SCALE} decimal places. */
    public record Terms(@Nullable UUID providerId, @Nullable UUID modelId, BigDecimal percent, Instant effectiveFrom,
            @Nullable Instant effectiveTo, @Nullable String note) {

        /** {@code tenant}, {@code provider} or {@code model}. */
        public String scope() {
            return modelId != null ? "model" : providerId != null ? "provider" : "tenant";
        }

        /** Whether two rules would compete: same scope, same start. */
        boolean sameScopeAndStart(Terms other) {
            return Objects.equals(providerId, other.providerId) && Objects.equals(modelId, other.modelId)
                    && effectiveFrom.equals(other.effectiveFrom);
        }
    }
}
