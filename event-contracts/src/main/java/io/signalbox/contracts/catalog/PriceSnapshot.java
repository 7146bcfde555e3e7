package io.signalbox.contracts.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.contracts.usage.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * A model's price as it was in effect at one moment, carried in decisions and usage events so that
 * a request is always priced with the price that applied when it ran. Rates are per million tokens
 * in {@link #currency()}.
 *
 * <p>The rates are always the model's list price. A tenant's negotiated discount or markup travels beside
 * them as {@link #adjustmentPercent()} and the registry rule it came from, rather than as rewritten rates, so
 * that finance can always tell list price from adjustment, and a corrected list price can be re-applied with
 * the same adjustment. Both adjustment fields are left out of the JSON when there is no adjustment, so an
 * unadjusted price reads and writes exactly as before they existed.
 *
 * @param adjustmentPercent the tenant's discount (negative) or markup (positive) in percent of the list price,
 *     greater than -100 and at most 1000; null: the list price applies
 * @param adjustmentRuleId the registry's price-adjustment rule that set {@code adjustmentPercent}; present
 *     exactly when it is
 */
public record PriceSnapshot(
        String priceId,
        String modelId,
        String currency,
        BigDecimal inputPerMillion,
        BigDecimal outputPerMillion,
        BigDecimal cachedInputPerMillion,
        Instant effectiveFrom,
        @Nullable BigDecimal reasoningPerMillion,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BigDecimal adjustmentPercent,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String adjustmentRuleId) {

    /** Costs are kept to this many decimal places (micro-units) and rounded half-even once. */
    public static final int COST_SCALE = 6;

    /** An adjustment must leave something to pay: a discount of 100 % or more is refused. */
    public static final BigDecimal MIN_ADJUSTMENT_PERCENT_EXCLUSIVE = new BigDecimal("-100");

    /** The largest markup: ten times the list price on top of it. */
    public static final BigDecimal MAX_ADJUSTMENT_PERCENT = new BigDecimal("1000");

    private static final int TOKENS_PER_UNIT_EXPONENT = 6;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PriceSnapshot {
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(currency, "currency");
        requireNonNegative(inputPerMillion, "inputPerMillion");
        requireNonNegative(outputPerMillion, "outputPerMillion");
        requireNonNegative(cachedInputPerMillion, "cachedInputPerMillion");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (reasoningPerMillion != null) {
            requireNonNegative(reasoningPerMillion, "reasoningPerMillion");
        }
        if ((adjustmentPercent == null) != (adjustmentRuleId == null)) {
            throw new IllegalArgumentException("adjustmentPercent and adjustmentRuleId go together: both or neither");
        }
        if (adjustmentPercent != null) {
            requireAdjustmentInBounds(adjustmentPercent);
        }
    }

    /** A list price: no tenant adjustment. */
    public PriceSnapshot(String priceId, String modelId, String currency, BigDecimal inputPerMillion,
            BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion, Instant effectiveFrom,
            @Nullable BigDecimal reasoningPerMillion) {
        this(priceId, modelId, currency, inputPerMillion, outputPerMillion, cachedInputPerMillion, effectiveFrom,
                reasoningPerMillion, null, null);
    }

    /** A list price without a separate reasoning rate: reasoning tokens are charged as output. */
    public PriceSnapshot(String priceId, String modelId, String currency, BigDecimal inputPerMillion,
            BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion, Instant effectiveFrom) {
        this(priceId, modelId, currency, inputPerMillion, outputPerMillion, cachedInputPerMillion, effectiveFrom, null);
    }

    /**
     * This list price with a tenant's adjustment: the same rates, charged at {@code 100 + percent} percent.
     * Adjustments never stack: only a list price can be adjusted.
     *
     * @param percent the discount (negative) or markup (positive), greater than -100 and at most 1000
     * @param ruleId the registry rule the adjustment comes from
     * @throws IllegalStateException when this price is already adjusted
     * @throws IllegalArgumentException when {@code percent} is out of bounds
     */
    public PriceSnapshot adjusted(BigDecimal percent, String ruleId) {
        if (adjustmentPercent != null) {
            throw new IllegalStateException("Price " + priceId + " is already adjusted by rule " + adjustmentRuleId
                    + "; adjust the list price instead");
        }
        return new PriceSnapshot(priceId, modelId, currency, inputPerMillion, outputPerMillion, cachedInputPerMillion,
                effectiveFrom, reasoningPerMillion, Objects.requireNonNull(percent, "percent"),
                Objects.requireNonNull(ruleId, "ruleId"));
    }

    /** This price without its adjustment, if it has one. */
    public PriceSnapshot listPrice() {
        return adjustmentPercent == null ? this : new PriceSnapshot(priceId, modelId, currency, inputPerMillion,
                outputPerMillion, cachedInputPerMillion, effectiveFrom, reasoningPerMillion);
    }

    /**
     * The exact cost of a request's token usage. Prompt tokens include cached prompt tokens (as in
     * OpenAI's usage object), so cached tokens are charged at the cached-input rate and the rest at
     * the input rate. Counts that were not reported count as zero; the usage event's
     * {@code estimated} flag tells finance where that happened. Reasoning tokens are part of the
     * completion tokens (as in OpenAI's usage object); with a {@code reasoningPerMillion} rate they are
     * charged at it, otherwise as output. A tenant's adjustment scales the exact sum by
     * {@code (100 + adjustmentPercent) / 100} before the one rounding, so an adjusted cost is never computed from
     * the already rounded list cost.
     */
    public BigDecimal costOf(TokenUsage usage) {
        long prompt = usage.promptTokensOrZero();
        long cached = Math.min(usage.cachedPromptTokensOrZero(), prompt);
        long completion = usage.completionTokensOrZero();
        long reasoning = reasoningPerMillion == null || usage.reasoningTokens() == null ? 0
                : Math.min(usage.reasoningTokens(), completion);
        BigDecimal perMillion = inputPerMillion.multiply(BigDecimal.valueOf(prompt - cached))
                .add(cachedInputPerMillion.multiply(BigDecimal.valueOf(cached)))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(completion - reasoning)));
        if (reasoning > 0) {
            perMillion = perMillion.add(Objects.requireNonNull(reasoningPerMillion)
                    .multiply(BigDecimal.valueOf(reasoning)));
        }
        BigDecimal exact = perMillion.movePointLeft(TOKENS_PER_UNIT_EXPONENT);
        if (adjustmentPercent != null) {
            exact = exact.multiply(HUNDRED.add(adjustmentPercent)).movePointLeft(2);
        }
        return exact.setScale(COST_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @throws IllegalArgumentException unless {@code -100 < percent <= 1000}
     */
    public static void requireAdjustmentInBounds(BigDecimal percent) {
        if (percent.compareTo(MIN_ADJUSTMENT_PERCENT_EXCLUSIVE) <= 0 || percent.compareTo(MAX_ADJUSTMENT_PERCENT) > 0) {
            throw new IllegalArgumentException("adjustmentPercent must be greater than -100 and at most 1000, was "
                    + percent.toPlainString());
        }
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
