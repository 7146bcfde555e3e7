package io.signalbox.contracts.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

import io.signalbox.contracts.usage.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * A model's price as it was in effect at one moment, carried in decisions and usage events so that
 * a request is always priced with the price that applied when it ran. Rates are per million tokens
 * in {@link #currency()}.
 */
public record PriceSnapshot(
        String priceId,
        String modelId,
        String currency,
        BigDecimal inputPerMillion,
        BigDecimal outputPerMillion,
        BigDecimal cachedInputPerMillion,
        Instant effectiveFrom,
        @Nullable BigDecimal reasoningPerMillion) {

    /** Costs are kept to this many decimal places (micro-units) and rounded half-even once. */
    public static final int COST_SCALE = 6;

    private static final int TOKENS_PER_UNIT_EXPONENT = 6;

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
    }

    /** A price without a separate reasoning rate: reasoning tokens are charged as output. */
    public PriceSnapshot(String priceId, String modelId, String currency, BigDecimal inputPerMillion,
            BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion, Instant effectiveFrom) {
        this(priceId, modelId, currency, inputPerMillion, outputPerMillion, cachedInputPerMillion, effectiveFrom, null);
    }

    /**
     * The exact cost of a request's token usage. Prompt tokens include cached prompt tokens (as in
     * OpenAI's usage object), so cached tokens are charged at the cached-input rate and the rest at
     * the input rate. Counts that were not reported count as zero; the usage event's
     * {@code estimated} flag tells finance where that happened. Reasoning tokens are part of the
     * completion tokens (as in OpenAI's usage object); with a {@code reasoningPerMillion} rate they are
     * charged at it, otherwise as output.
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
        return perMillion.movePointLeft(TOKENS_PER_UNIT_EXPONENT).setScale(COST_SCALE, RoundingMode.HALF_EVEN);
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
