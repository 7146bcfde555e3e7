package io.signalbox.cost.report.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.cost.report.CostReport;
import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.CostReportRow;
import io.signalbox.cost.report.CurrencyTotal;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/**
 * A cost report as the API shows it (see {@link ReportColumns} for the row fields). Money is an exact
 * decimal string with six places.
 *
 * @param source where the figures were read: {@code daily-rollups}, {@code hourly-rollups} or {@code line-items}
 */
record CostReportResponse(
        String from,
        String to,
        String timeZone,
        String groupBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String tagName,
        String source,
        List<Map<String, @Nullable Object>> rows,
        List<Map<String, @Nullable Object>> totals,
        @JsonIgnore List<String> columns) implements ColumnarReport {

    static CostReportResponse of(CostReport report) {
        CostReportQuery query = report.query();
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (CostReportRow row : report.rows()) {
            Map<String, @Nullable Object> fields = ReportColumns.key(query, row);
            fields.put("currency", row.currency());
            ReportColumns.putMeasures(fields, "", row.measures());
            rows.add(fields);
        }
        List<String> columns = new ArrayList<>(ReportColumns.keyColumns(query));
        columns.add("currency");
        columns.addAll(ReportColumns.MEASURES);
        return new CostReportResponse(query.from().toString(), query.to().toString(), ReportColumns.zoneName(query),
                query.groupByApiName(), query.tagName(), report.source().apiName(), rows, totals(report.totals()),
                columns);
    }

    static List<Map<String, @Nullable Object>> totals(List<CurrencyTotal> totals) {
        List<Map<String, @Nullable Object>> rendered = new ArrayList<>();
        for (CurrencyTotal total : totals) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("currency", total.currency());
            fields.put("requests", total.measures().requests());
            fields.put("cost", Money.plain(total.measures().cost()));
            rendered.add(fields);
        }
        return rendered;
    }
}
