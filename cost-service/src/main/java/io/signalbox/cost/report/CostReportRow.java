package io.signalbox.cost.report;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One group's spend in one currency. {@code currency} is null for requests that carried no price;
 * they are counted (requests, tokens) at cost zero so that finance sees them rather than losing them.
 * Token sums count unreported counts as zero.
 */
public record CostReportRow(
        String group,
        @Nullable String currency,
        long requests,
        long promptTokens,
        long completionTokens,
        long cachedPromptTokens,
        BigDecimal cost) {
}
