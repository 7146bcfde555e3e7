package io.signalbox.cost.budget;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored budget.
 *
 * @param revision starts at 1 and grows with every update; clients send it back in {@code If-Match}
 */
public record Budget(UUID id, long revision, BudgetDefinition definition, Instant createdAt, Instant updatedAt) {

    /** The period of this budget that contains {@code at}. */
    public PeriodWindow periodAt(Instant at) {
        return definition.period().containing(at, definition.timeZone());
    }
}
