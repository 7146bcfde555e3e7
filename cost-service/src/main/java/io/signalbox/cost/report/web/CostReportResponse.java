package io.signalbox.cost.report.web;

import java.math.BigDecimal;
import java.util.List;

import io.signalbox.cost.report.CostReport;
import io.signalbox.cost.report.CostReportRow;
import io.signalbox.cost.report.CurrencyTotal;
import org.jspecify.annotations.Nullable;

/**
 * The report as the API shows it. Money is written as an exact decimal string in plain notation
 * ({@code "12.345678"}), never as a JSON number a client might read into a double.
 */
record CostReportResponse(String from, String to, String groupBy, List<Row> rows, List<Total> totals) {

    static CostReportResponse of(CostReport report) {
        return new CostReportResponse(
                report.query().from().toString(),
                report.query().to().toString(),
                report.query().groupBy().apiName(),
                report.rows().stream().map(Row::of).toList(),
                report.totals().stream().map(Total::of).toList());
    }

    record Row(String group, @Nullable String currency, long requests, long promptTokens, long completionTokens,
            long cachedPromptTokens, String cost) {

        static Row of(CostReportRow row) {
            return new Row(row.group(), row.currency(), row.requests(), row.promptTokens(), row.completionTokens(),
                    row.cachedPromptTokens(), money(row.cost()));
        }
    }

    record Total(@Nullable String currency, long requests, String cost) {

        static Total of(CurrencyTotal total) {
            return new Total(total.currency(), total.requests(), money(total.cost()));
        }
    }

    private static String money(BigDecimal amount) {
        return amount.toPlainString();
    }
}
