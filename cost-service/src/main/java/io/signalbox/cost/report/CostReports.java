package io.signalbox.cost.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Answers cost reports. {@link ReportPlanner} picks the rollup (or line items) that can answer the query
 * exactly, {@link CostReportSql} shapes the SQL, PostgreSQL groups and sums exact numerics, and
 * {@link CostReport} orders the rows and totals them per currency.
 */
@Service
public class CostReports {

    private final JdbcClient jdbc;

    CostReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CostReport report(CostReportQuery query) {
        ReportSource source = ReportPlanner.plan(query);
        CostReportSql.Statement statement = CostReportSql.build(query, source);
        int dimensions = query.groupBy().size();
        boolean bucketed = query.bucket() != null;
        List<CostReportRow> rows = jdbc.sql(statement.sql())
                .params(statement.params())
                .query((rs, rowNum) -> {
                    List<String> groups = new ArrayList<>(dimensions);
                    for (int i = 0; i < dimensions; i++) {
                        String value = rs.getString("g" + i);
                        groups.add(value == null ? Dimension.NONE : value);
                    }
                    LocalDate period = bucketed ? rs.getObject("period", LocalDate.class) : null;
                    return new CostReportRow(groups, period, rs.getString("currency"), new Measures(
                            rs.getLong("requests"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                            rs.getLong("cached_prompt_tokens"), rs.getLong("reasoning_tokens"),
                            rs.getLong("estimated_requests"), rs.getLong("unpriced_requests"),
                            rs.getBigDecimal("cost")));
                })
                .list();
        return CostReport.of(query, source, rows);
    }

    /** The report grouped by {@code by} alone, ranked by cost per currency. */
    public TopSpenders topSpenders(CostReportQuery query, Dimension by, int limit) {
        return TopSpenders.of(report(query.withGrouping(List.of(by), null)), limit);
    }

    /** The query's period against the one before it (see {@link PeriodComparison}). */
    public PeriodComparison compareWithPreviousPeriod(CostReportQuery query) {
        if (query.bucket() != null) {
            throw new InvalidReportQueryException("groupBy",
                    "A period-over-period comparison compares whole periods; leave day, week and month out of groupBy.");
        }
        return PeriodComparison.of(report(query), report(PeriodComparison.previousPeriod(query)));
    }

    /** Cost per 1,000 requests; the grouping must include the model. */
    public UnitCosts unitCosts(CostReportQuery query) {
        if (!query.groupBy().contains(Dimension.MODEL)) {
            throw new InvalidReportQueryException("groupBy", "Cost per 1,000 requests is per model: groupBy must include model.");
        }
        return UnitCosts.of(report(query));
    }
}
