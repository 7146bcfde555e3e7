package io.signalbox.cost.repricing.web;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The JSON a client sends to re-price. Rates are per million tokens; send them as strings or numbers (read
 * exactly either way). {@code from} and {@code to} are ISO dates (UTC) or instants.
 */
record RepricingBody(
        @Nullable String modelId,
        @Nullable String from,
        @Nullable String to,
        @Nullable Price price,
        @Nullable String reason,
        @Nullable Boolean correctIssuedStatements,
        @Nullable Boolean dryRun) {

    record Price(
            @Nullable String priceId,
            @Nullable String currency,
            @Nullable BigDecimal inputPerMillion,
            @Nullable BigDecimal outputPerMillion,
            @Nullable BigDecimal cachedInputPerMillion,
            @Nullable BigDecimal reasoningPerMillion) {
    }
}
