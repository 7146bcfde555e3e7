package io.signalbox.cost.report.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.Dimension;
import io.signalbox.cost.report.PeriodComparison;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/**
 * A period against the previous one: per group and currency the measures now, the measures before (prefixed
 * {@code previous}), the change in cost and the change in percent (null when nothing was spent before).
 */
record PeriodComparisonResponse(
        String from,
        String to,
        String previousFrom,
        String previousTo,
        String timeZone,
        String groupBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String tagName,
        String source,
        List<Map<String, @Nullable Object>> rows,
        List<Map<String, @Nullable Object>> totals,
        @JsonIgnore List<String> columns) implements ColumnarReport {

    static PeriodComparisonResponse of(PeriodComparison comparison) {
        CostReportQuery query = comparison.current().query();
        CostReportQuery previous = comparison.previous().query();
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (PeriodComparison.Change change : comparison.changes()) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("group", change.label());
            for (int i = 0; i < query.groupBy().size(); i++) {
                fields.put(query.groupBy().get(i).apiName(), change.groups().get(i));
            }
            rows.add(changeFields(fields, change));
        }
        List<Map<String, @Nullable Object>> totals = new ArrayList<>();
        for (PeriodComparison.Change total : comparison.totals()) {
            totals.add(changeFields(new LinkedHashMap<>(), total));
        }
        List<String> columns = new ArrayList<>();
        columns.add("group");
        for (Dimension dimension : query.groupBy()) {
            columns.add(dimension.apiName());
        }
        columns.add("currency");
        columns.addAll(ReportColumns.measureColumns(""));
        columns.addAll(ReportColumns.measureColumns("previous"));
        columns.add("change");
        columns.add("changePercent");
        return new PeriodComparisonResponse(query.from().toString(), query.to().toString(), previous.from().toString(),
                previous.to().toString(), ReportColumns.zoneName(query), query.groupByApiName(), query.tagName(),
                comparison.current().source().apiName(), rows, totals, columns);
    }

    private static Map<String, @Nullable Object> changeFields(Map<String, @Nullable Object> fields,
            PeriodComparison.Change change) {
        fields.put("currency", change.currency());
        ReportColumns.putMeasures(fields, "", change.now());
        ReportColumns.putMeasures(fields, "previous", change.before());
        fields.put("change", Money.plain(change.change()));
        fields.put("changePercent", Money.plainOrNull(change.changePercent()));
        return fields;
    }
}
