package io.signalbox.cost.statement;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.signalbox.cost.report.CurrencyTotal;
import org.jspecify.annotations.Nullable;

/**
 * A team's statement for a calendar month in UTC.
 *
 * @param issue null for a draft (computed now, may still change); the issuance for an issued revision
 * @param lines per model and currency, highest cost first
 * @param totals per currency
 */
public record Statement(String teamId, YearMonth month, @Nullable Issue issue, List<StatementLine> lines,
        List<CurrencyTotal> totals) {

    public Statement {
        lines = List.copyOf(lines);
        totals = List.copyOf(totals);
    }

    /**
     * @param id the issued revision's id
     * @param revision 1 for the first issue, then one more per correction
     * @param corrects the revision this one replaces, null for revision 1
     * @param reason why a correction was issued
     * @param repricingRunId the re-pricing run that caused the correction
     */
    public record Issue(UUID id, int revision, Instant issuedAt, String issuedBy, @Nullable UUID corrects,
            @Nullable String reason, @Nullable UUID repricingRunId) {
    }

    public boolean issued() {
        return issue != null;
    }

    public Instant from() {
        return start(month);
    }

    public Instant to() {
        return start(month.plusMonths(1));
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
