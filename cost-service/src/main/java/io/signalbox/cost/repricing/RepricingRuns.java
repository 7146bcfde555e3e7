package io.signalbox.cost.repricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.cost.statement.Statements;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the recorded re-pricing runs, newest first. */
@Repository
public class RepricingRuns {

    private static final String SELECT = """
            select id, requested_by, requested_at, model_id, period_from, period_to, reason, price_id, currency,
                   input_per_million, output_per_million, cached_input_per_million, reasoning_per_million, line_items
              from cost_repricing_runs""";

    private final JdbcClient jdbc;

    RepricingRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RepricingRun> latest(int limit) {
        List<RepricingRun> runs = new ArrayList<>();
        for (RepricingRun run : jdbc.sql(SELECT + " order by requested_at desc, id limit :limit")
                .param("limit", limit)
                .query(RepricingRuns::run)
                .list()) {
            runs.add(withDetails(run));
        }
        return runs;
    }

    public Optional<RepricingRun> find(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(RepricingRuns::run).optional()
                .map(this::withDetails);
    }

    private RepricingRun withDetails(RepricingRun run) {
        List<RepricingRun.Total> before = totals(run.id(), "before");
        List<RepricingRun.Total> after = totals(run.id(), "after");
        List<Statements.IssuedRef> corrected = jdbc.sql("""
                select team_id, month, revision, id from cost_statements where repricing_run_id = :run
                 order by team_id, month""")
                .param("run", run.id())
                .query((rs, rowNum) -> new Statements.IssuedRef(rs.getString("team_id"),
                        YearMonth.from(rs.getDate("month").toLocalDate()), rs.getInt("revision"),
                        rs.getObject("id", UUID.class)))
                .list();
        return new RepricingRun(run.id(), run.requestedBy(), run.requestedAt(), run.modelId(), run.from(), run.to(),
                run.reason(), run.price(), run.lineItems(), before, after, corrected, false);
    }

    private List<RepricingRun.Total> totals(UUID runId, String side) {
        return jdbc.sql("""
                select currency, requests, cost from cost_repricing_run_totals
                 where run_id = :run and side = :side order by currency nulls last""")
                .param("run", runId)
                .param("side", side)
                .query((rs, rowNum) -> new RepricingRun.Total(rs.getString("currency"), rs.getLong("requests"),
                        rs.getBigDecimal("cost")))
                .list();
    }

    private static RepricingRun run(ResultSet rs, int rowNum) throws SQLException {
        BigDecimal reasoning = rs.getBigDecimal("reasoning_per_million");
        PriceSnapshot price = new PriceSnapshot(rs.getString("price_id"), rs.getString("model_id"),
                rs.getString("currency"), rs.getBigDecimal("input_per_million"), rs.getBigDecimal("output_per_million"),
                rs.getBigDecimal("cached_input_per_million"), rs.getObject("period_from", OffsetDateTime.class).toInstant(),
                reasoning);
        return new RepricingRun(rs.getObject("id", UUID.class), rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant(), rs.getString("model_id"),
                rs.getObject("period_from", OffsetDateTime.class).toInstant(),
                rs.getObject("period_to", OffsetDateTime.class).toInstant(), rs.getString("reason"), price,
                rs.getLong("line_items"), List.of(), List.of(), List.of(), false);
    }
}
