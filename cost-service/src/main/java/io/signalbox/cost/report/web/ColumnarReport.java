package io.signalbox.cost.report.web;

import java.util.List;
import java.util.Map;

import io.signalbox.cost.web.CsvTable;
import org.jspecify.annotations.Nullable;

/** A report whose rows are field maps and whose CSV columns are known up front: its CSV is those columns' cells. */
interface ColumnarReport extends CsvTable {

    List<String> columns();

    List<Map<String, @Nullable Object>> rows();

    @Override
    default List<String> csvHeader() {
        return columns();
    }

    @Override
    default List<List<@Nullable String>> csvRows() {
        return rows().stream().map(row -> ReportColumns.cells(columns(), row)).toList();
    }
}
