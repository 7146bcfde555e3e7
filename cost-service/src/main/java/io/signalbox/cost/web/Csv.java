package io.signalbox.cost.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** RFC 4180 text: CRLF line ends, fields quoted only when they must be, inner quotes doubled. */
public final class Csv {

    private static final String CRLF = "\r\n";

    private Csv() {
    }

    public static String render(CsvTable table) {
        StringBuilder csv = new StringBuilder();
        line(csv, new ArrayList<>(table.csvHeader()));
        for (List<@Nullable String> row : table.csvRows()) {
            line(csv, row);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<@Nullable String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        csv.append(CRLF);
    }

    /** Quotes a field when it holds a comma, a quote or a line break; inner quotes are doubled. */
    public static String field(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
