package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.signalbox.contracts.catalog.PriceSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * What 1,000 requests cost, per model (and whatever else the report is grouped by) and currency: the exact
 * cost times 1,000 divided by the requests, rounded half-even to six decimals.
 */
public record UnitCosts(CostReport report, List<UnitCost> rows) {

    /** @param costPer1000Requests null when the row has no price (no currency) */
    public record UnitCost(CostReportRow row, @Nullable BigDecimal costPer1000Requests) {
    }

    public UnitCosts {
        rows = List.copyOf(rows);
    }

    static UnitCosts of(CostReport report) {
        return new UnitCosts(report, report.rows().stream()
                .map(row -> new UnitCost(row, row.currency() == null ? null : per1000(row.measures())))
                .toList());
    }

    static BigDecimal per1000(Measures measures) {
        return measures.cost().multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(measures.requests()), PriceSnapshot.COST_SCALE, RoundingMode.HALF_EVEN);
    }
}
