package io.signalbox.cost.report.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.UnitCosts;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/** A cost report per model with {@code costPer1000Requests} after the cost. */
record UnitCostsResponse(
        String from,
        String to,
        String timeZone,
        String groupBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String tagName,
        String source,
        List<Map<String, @Nullable Object>> rows,
        @JsonIgnore List<String> columns) implements ColumnarReport {

    static UnitCostsResponse of(UnitCosts unitCosts) {
        CostReportQuery query = unitCosts.report().query();
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (UnitCosts.UnitCost unitCost : unitCosts.rows()) {
            Map<String, @Nullable Object> fields = ReportColumns.key(query, unitCost.row());
            fields.put("currency", unitCost.row().currency());
            ReportColumns.putMeasures(fields, "", unitCost.row().measures());
            fields.put("costPer1000Requests", Money.plainOrNull(unitCost.costPer1000Requests()));
            rows.add(fields);
        }
        List<String> columns = new ArrayList<>(ReportColumns.keyColumns(query));
        columns.add("currency");
        columns.addAll(ReportColumns.MEASURES);
        columns.add("costPer1000Requests");
        return new UnitCostsResponse(query.from().toString(), query.to().toString(), ReportColumns.zoneName(query),
                query.groupByApiName(), query.tagName(), unitCosts.report().source().apiName(), rows, columns);
    }
}
