package io.signalbox.cost.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A cost-allocation report: rows in time order (when bucketed), then by cost, highest first (ties by group
 * labels, then currency, so the order is stable), and one total per currency. Amounts in different
 * currencies are never added up.
 *
 * @param source where the figures were read
 */
public record CostReport(CostReportQuery query, ReportSource source, List<CostReportRow> rows,
        List<CurrencyTotal> totals) {

    public static final Comparator<@Nullable String> CURRENCY_ORDER = Comparator.nullsLast(Comparator.naturalOrder());

    static final Comparator<CostReportRow> ROW_ORDER = Comparator
            .comparing(CostReportRow::period, Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()))
            .thenComparing(row -> row.measures().cost(), Comparator.reverseOrder())
            .thenComparing(CostReportRow::label)
            .thenComparing(CostReportRow::currency, CURRENCY_ORDER);

    public CostReport {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
    }

    /** Orders the rows and adds them up per currency. */
    static CostReport of(CostReportQuery query, ReportSource source, List<CostReportRow> rows) {
        List<CostReportRow> sorted = rows.stream().sorted(ROW_ORDER).toList();
        return new CostReport(query, source, sorted, totals(sorted));
    }

    /** One total per currency (unpriced last). */
    public static List<CurrencyTotal> totals(List<CostReportRow> rows) {
        Map<@Nullable String, Measures> totals = new TreeMap<>(CURRENCY_ORDER);
        for (CostReportRow row : rows) {
            totals.merge(row.currency(), row.measures(), Measures::plus);
        }
        return totals.entrySet().stream().map(total -> new CurrencyTotal(total.getKey(), total.getValue())).toList();
    }
}
