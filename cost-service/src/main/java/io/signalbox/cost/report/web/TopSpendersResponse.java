package io.signalbox.cost.report.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.TopSpenders;
import io.signalbox.cost.web.CsvTable;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/** Top spenders as the API shows them: per currency, rank 1 first. */
record TopSpendersResponse(
        String from,
        String to,
        String timeZone,
        String by,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String tagName,
        int limit,
        String source,
        List<Map<String, @Nullable Object>> rows) implements CsvTable {

    private static final List<String> COLUMNS = List.of("currency", "rank", "group", "requests", "cost", "sharePercent");

    static TopSpendersResponse of(TopSpenders top) {
        CostReportQuery query = top.report().query();
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (TopSpenders.Spender spender : top.spenders()) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("currency", spender.currency());
            fields.put("rank", spender.rank());
            fields.put("group", spender.group());
            fields.put("requests", spender.measures().requests());
            fields.put("cost", Money.plain(spender.measures().cost()));
            fields.put("sharePercent", Money.plain(spender.sharePercent()));
            rows.add(fields);
        }
        return new TopSpendersResponse(query.from().toString(), query.to().toString(), ReportColumns.zoneName(query),
                query.groupByApiName(), query.tagName(), top.limit(), top.report().source().apiName(), rows);
    }

    @Override
    public List<String> csvHeader() {
        return COLUMNS;
    }

    @Override
    public List<List<@Nullable String>> csvRows() {
        return rows.stream().map(row -> ReportColumns.cells(COLUMNS, row)).toList();
    }
}
