package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The groups that spent the most, ranked per currency (amounts in different currencies are not
 * comparable). Requests without a price spent nothing measurable and are left out.
 *
 * @param report the report the ranking was made from, grouped by the one dimension ranked
 * @param limit how many groups per currency
 */
public record TopSpenders(CostReport report, int limit, List<Spender> spenders) {

    /**
     * @param rank 1 for the highest cost in its currency
     * @param sharePercent the group's cost as a percentage of its currency's total, two decimals, half-even
     */
    public record Spender(int rank, String group, String currency, Measures measures, BigDecimal sharePercent) {
    }

    public TopSpenders {
        spenders = List.copyOf(spenders);
    }

    static TopSpenders of(CostReport report, int limit) {
        Map<String, List<CostReportRow>> byCurrency = new LinkedHashMap<>();
        for (CurrencyTotal total : report.totals()) {
            if (total.currency() != null) {
                byCurrency.put(total.currency(), new ArrayList<>());
            }
        }
        for (CostReportRow row : report.rows()) {
            @Nullable String currency = row.currency();
            if (currency != null) {
                byCurrency.get(currency).add(row);
            }
        }
        List<Spender> spenders = new ArrayList<>();
        for (CurrencyTotal total : report.totals()) {
            if (total.currency() == null) {
                continue;
            }
            List<CostReportRow> rows = byCurrency.get(total.currency());
            rows.sort(Comparator.comparing((CostReportRow row) -> row.measures().cost()).reversed()
                    .thenComparing(CostReportRow::label));
            for (int i = 0; i < Math.min(limit, rows.size()); i++) {
                CostReportRow row = rows.get(i);
                spenders.add(new Spender(i + 1, row.label(), total.currency(), row.measures(),
                        share(row.measures().cost(), total.measures().cost())));
            }
        }
        return new TopSpenders(report, limit, spenders);
    }

    private static BigDecimal share(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_EVEN);
    }
}
