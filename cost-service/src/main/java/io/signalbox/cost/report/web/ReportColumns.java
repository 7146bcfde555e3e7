package io.signalbox.cost.report.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.CostReportRow;
import io.signalbox.cost.report.Dimension;
import io.signalbox.cost.report.Measures;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a report row as the API names them: {@code group} (the labels joined with {@code " / "}),
 * one field per grouping dimension ({@code team}, {@code model}, ...), {@code period} when bucketed, then
 * {@code currency} and the measures. JSON rows and CSV columns use the same names in the same order.
 */
final class ReportColumns {

    static final List<String> MEASURES = List.of("requests", "promptTokens", "completionTokens", "cachedPromptTokens",
            "reasoningTokens", "estimatedRequests", "unpricedRequests", "cost");

    private ReportColumns() {
    }

    /** {@code group}, the dimensions and {@code period}: the columns that name a row. */
    static List<String> keyColumns(CostReportQuery query) {
        List<String> columns = new ArrayList<>();
        columns.add("group");
        for (Dimension dimension : query.groupBy()) {
            columns.add(dimension.apiName());
        }
        if (query.bucket() != null) {
            columns.add("period");
        }
        return columns;
    }

    static Map<String, @Nullable Object> key(CostReportQuery query, CostReportRow row) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("group", row.label());
        for (int i = 0; i < query.groupBy().size(); i++) {
            fields.put(query.groupBy().get(i).apiName(), row.groups().get(i));
        }
        if (query.bucket() != null) {
            fields.put("period", String.valueOf(row.period()));
        }
        return fields;
    }

    static void putMeasures(Map<String, @Nullable Object> fields, String prefix, Measures measures) {
        fields.put(name(prefix, "requests"), measures.requests());
        fields.put(name(prefix, "promptTokens"), measures.promptTokens());
        fields.put(name(prefix, "completionTokens"), measures.completionTokens());
        fields.put(name(prefix, "cachedPromptTokens"), measures.cachedPromptTokens());
        fields.put(name(prefix, "reasoningTokens"), measures.reasoningTokens());
        fields.put(name(prefix, "estimatedRequests"), measures.estimatedRequests());
        fields.put(name(prefix, "unpricedRequests"), measures.unpricedRequests());
        fields.put(name(prefix, "cost"), Money.plain(measures.cost()));
    }

    static List<String> measureColumns(String prefix) {
        return MEASURES.stream().map(measure -> name(prefix, measure)).toList();
    }

    /** {@code requests} with prefix {@code previous} is {@code previousRequests}. */
    private static String name(String prefix, String measure) {
        return prefix.isEmpty() ? measure : prefix + Character.toUpperCase(measure.charAt(0)) + measure.substring(1);
    }

    /** The cells of a row in column order, as CSV writes them (null as an empty cell). */
    static List<@Nullable String> cells(List<String> columns, Map<String, @Nullable Object> row) {
        List<@Nullable String> cells = new ArrayList<>(columns.size());
        for (String column : columns) {
            Object value = row.get(column);
            cells.add(value == null ? null : value.toString());
        }
        return cells;
    }

    static String zoneName(CostReportQuery query) {
        return query.zone().getId().equals("Z") ? "UTC" : query.zone().getId();
    }
}
