package io.signalbox.cost.repricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.cost.statement.Statements;
import org.jspecify.annotations.Nullable;

/**
 * The audit record of a re-pricing run.
 *
 * @param lineItems how many line items were re-priced
 * @param before per currency (null: items that had no price), the re-priced items' requests and cost before
 * @param after the same items after
 * @param correctedStatements the correcting statement revisions the run issued
 * @param dryRun nothing was changed or recorded
 */
public record RepricingRun(UUID id, String requestedBy, Instant requestedAt, String modelId, Instant from, Instant to,
        String reason, PriceSnapshot price, long lineItems, List<Total> before, List<Total> after,
        List<Statements.IssuedRef> correctedStatements, boolean dryRun) {

    public RepricingRun {
        before = List.copyOf(before);
        after = List.copyOf(after);
        correctedStatements = List.copyOf(correctedStatements);
    }

    /** Requests and cost in one currency. */
    public record Total(@Nullable String currency, long requests, BigDecimal cost) {
    }
}
