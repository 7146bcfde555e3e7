package io.signalbox.cost.repricing;

import java.time.Instant;

import io.signalbox.contracts.catalog.PriceSnapshot;

/**
 * What to re-price and with what.
 *
 * @param modelId the model whose line items are re-priced (by id; priced and unpriced items alike)
 * @param from start of the period (inclusive), by the time each request started
 * @param to end of the period (exclusive)
 * @param price the corrected price; its currency replaces the items' currency
 * @param reason why, for the audit record (required)
 * @param correctIssuedStatements when the period is covered by issued statements: true issues a correcting
 *     revision of each, false refuses the run
 * @param dryRun compute the run's effect and answer it, change nothing
 */
public record RepricingRequest(String modelId, Instant from, Instant to, PriceSnapshot price, String reason,
        boolean correctIssuedStatements, boolean dryRun) {
}
