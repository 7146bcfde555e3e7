package io.signalbox.cost.report.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The CSV rendering of a report: a header row with the JSON field names, then one row per group and
 * currency, CRLF line ends and RFC 4180 quoting, money as exact decimals. Totals are left out: a
 * spreadsheet sums the column, and a totals line would be summed with the rows.
 */
final class CostReportCsv {

    static final String HEADER = "group,currency,requests,promptTokens,completionTokens,cachedPromptTokens,cost";

    private static final String CRLF = "\r\n";

    private CostReportCsv() {
    }

    static String render(CostReportResponse report) {
        StringBuilder csv = new StringBuilder(HEADER).append(CRLF);
        for (CostReportResponse.Row row : report.rows()) {
            line(csv, List.of(field(row.group()), field(row.currency()), Long.toString(row.requests()),
                    Long.toString(row.promptTokens()), Long.toString(row.completionTokens()),
                    Long.toString(row.cachedPromptTokens()), row.cost()));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        csv.append(String.join(",", fields)).append(CRLF);
    }

    /** Quotes a field when it holds a comma, a quote or a line break; inner quotes are doubled. */
    static String field(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
