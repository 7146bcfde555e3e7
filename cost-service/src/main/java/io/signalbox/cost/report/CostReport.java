package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.signalbox.contracts.catalog.PriceSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * A cost-allocation report: rows sorted by cost, highest first (ties by group, then currency, so the
 * order is stable), and one total per currency. Amounts in different currencies are never added up.
 */
public record CostReport(CostReportQuery query, List<CostReportRow> rows, List<CurrencyTotal> totals) {

    static final Comparator<@Nullable String> CURRENCY_ORDER = Comparator.nullsLast(Comparator.naturalOrder());

    static final Comparator<CostReportRow> ROW_ORDER = Comparator.comparing(CostReportRow::cost).reversed()
            .thenComparing(CostReportRow::group)
            .thenComparing(CostReportRow::currency, CURRENCY_ORDER);

    public CostReport {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
    }

    /** Orders the rows and adds them up per currency. */
    static CostReport of(CostReportQuery query, List<CostReportRow> rows) {
        List<CostReportRow> sorted = rows.stream()
                .map(CostReport::withCostScale)
                .sorted(ROW_ORDER)
                .toList();
        Map<@Nullable String, CurrencyTotal> totals = new TreeMap<>(CURRENCY_ORDER);
        for (CostReportRow row : sorted) {
            totals.merge(row.currency(), new CurrencyTotal(row.currency(), row.requests(), row.cost()),
                    (a, b) -> new CurrencyTotal(a.currency(), a.requests() + b.requests(), a.cost().add(b.cost())));
        }
        return new CostReport(query, sorted, List.copyOf(totals.values()));
    }

    private static CostReportRow withCostScale(CostReportRow row) {
        BigDecimal cost = row.cost().setScale(PriceSnapshot.COST_SCALE);
        return new CostReportRow(row.group(), row.currency(), row.requests(), row.promptTokens(),
                row.completionTokens(), row.cachedPromptTokens(), cost);
    }
}
