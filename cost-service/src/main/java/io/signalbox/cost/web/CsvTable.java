package io.signalbox.cost.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An API answer that also renders as CSV ({@code Accept: text/csv}): a header row with the JSON field names
 * of its rows, then one line per row. Totals are left out: a spreadsheet sums the column, and a totals line
 * would be summed with the rows.
 */
public interface CsvTable {

    List<String> csvHeader();

    /** Cells in header order; null is an empty cell. */
    List<List<@Nullable String>> csvRows();
}
