package io.signalbox.cost.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Answers cost reports straight from line items. PostgreSQL does the grouping and the exact numeric
 * sums; {@link CostReport} orders the rows and totals them per currency.
 */
@Service
public class CostReports {

    private final JdbcClient jdbc;

    CostReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CostReport report(CostReportQuery query) {
        String sql = """
                select %s as group_key, currency, count(*) as requests,
                       coalesce(sum(prompt_tokens), 0) as prompt_tokens,
                       coalesce(sum(completion_tokens), 0) as completion_tokens,
                       coalesce(sum(cached_prompt_tokens), 0) as cached_prompt_tokens,
                       sum(cost) as cost
                  from line_items
                 where occurred_at >= :from and occurred_at < :to
                 group by 1, 2
                """.formatted(query.groupBy().sqlExpression());
        List<CostReportRow> rows = jdbc.sql(sql)
                .param("from", utc(query.from()))
                .param("to", utc(query.to()))
                .query((rs, rowNum) -> new CostReportRow(
                        GroupBy.label(rs.getString("group_key")),
                        rs.getString("currency"),
                        rs.getLong("requests"),
                        rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens"),
                        rs.getLong("cached_prompt_tokens"),
                        rs.getBigDecimal("cost")))
                .list();
        return CostReport.of(query, rows);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
