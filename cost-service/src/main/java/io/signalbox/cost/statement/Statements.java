package io.signalbox.cost.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.signalbox.cost.report.CostReport;
import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.CostReportRow;
import io.signalbox.cost.report.CostReports;
import io.signalbox.cost.report.CurrencyTotal;
import io.signalbox.cost.report.Dimension;
import io.signalbox.cost.report.Measures;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts, issues and reads statements. Issuing and correcting take a database-wide advisory lock that
 * re-pricing takes too, so a statement is never issued from figures a re-pricing run is changing, and a run
 * never misses a statement issued while it runs.
 */
@Service
public class Statements {

    /** The advisory lock shared by statement issuance and re-pricing ({@link #lock()}). */
    private static final String LOCK_SQL = "select pg_advisory_xact_lock(hashtext('signalbox.cost.statements'))";

    private static final String HEADER = "select id, revision, issued_at, issued_by, corrects, reason, repricing_run_id "
            + "from cost_statements";

    private final JdbcClient jdbc;

    private final CostReports reports;

    private final Clock clock;

    Statements(JdbcClient jdbc, CostReports reports) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.clock = Clock.systemUTC();
    }

    /** The latest issued revision, else a draft computed now. */
    @Transactional(readOnly = true)
    public Statement current(String teamId, YearMonth month) {
        return latest(teamId, month).map(header -> load(header, teamId, month)).orElseGet(() -> draft(teamId, month));
    }

    /** One issued revision. */
    @Transactional(readOnly = true)
    public Statement revision(String teamId, YearMonth month, int revision) {
        return jdbc.sql(HEADER + " where team_id = :team and month = :month and revision = :revision")
                .param("team", teamId)
                .param("month", month.atDay(1))
                .param("revision", revision)
                .query(Statements::header)
                .optional()
                .map(header -> load(header, teamId, month))
                .orElseThrow(() -> new StatementExceptions.RevisionNotFound(teamId, month, revision));
    }

    /** The team's figures for the month as they are now. */
    public Statement draft(String teamId, YearMonth month) {
        CostReportQuery query = CostReportQuery.of(Statement.start(month), Statement.start(month.plusMonths(1)))
                .withGrouping(List.of(Dimension.MODEL), null)
                .withFilter(Dimension.TEAM, Set.of(teamId));
        CostReport report = reports.report(query);
        List<StatementLine> lines = new ArrayList<>();
        for (CostReportRow row : report.rows()) {
            lines.add(new StatementLine(row.groups().get(0), row.currency(), row.measures()));
        }
        return new Statement(teamId, month, null, lines, report.totals());
    }

    /**
     * Issues revision 1 of a month that has ended.
     *
     * @throws StatementExceptions.PeriodOpen when the month has not ended
     * @throws StatementExceptions.AlreadyIssued when it was issued before
     */
    @Transactional
    public Statement issue(String teamId, YearMonth month, String issuedBy) {
        lock();
        if (Statement.start(month.plusMonths(1)).isAfter(clock.instant())) {
            throw new StatementExceptions.PeriodOpen(teamId, month);
        }
        Optional<Statement.Issue> latest = latest(teamId, month);
        if (latest.isPresent()) {
            throw new StatementExceptions.AlreadyIssued(teamId, month, latest.get().revision());
        }
        return store(draft(teamId, month), 1, issuedBy, null, null, null);
    }

    /**
     * Issues the next revision of an issued statement with the figures as they are now; the caller holds the
     * lock ({@link #lock()}) in its transaction.
     */
    @Transactional
    public Statement correct(String teamId, YearMonth month, String issuedBy, String reason, UUID repricingRunId) {
        Statement.Issue latest = latest(teamId, month).orElseThrow(() -> new IllegalStateException(
                "Team '" + teamId + "' has no issued statement for " + month + " to correct"));
        return store(draft(teamId, month), latest.revision() + 1, issuedBy, latest.id(), reason, repricingRunId);
    }

    /** Takes the statement lock for the rest of the current transaction. */
    public void lock() {
        jdbc.sql(LOCK_SQL).query().singleRow();
    }

    /** The latest issued revision of each team-month among {@code teamMonths}. */
    public List<IssuedRef> issued(List<TeamMonth> teamMonths) {
        List<IssuedRef> issued = new ArrayList<>();
        for (TeamMonth teamMonth : teamMonths) {
            latest(teamMonth.teamId(), teamMonth.month())
                    .ifPresent(issue -> issued.add(new IssuedRef(teamMonth.teamId(), teamMonth.month(), issue.revision(),
                            issue.id())));
        }
        return issued;
    }

    /** A team's month. */
    public record TeamMonth(String teamId, YearMonth month) {
    }

    /** An issued statement revision. */
    public record IssuedRef(String teamId, YearMonth month, int revision, UUID statementId) {
    }

    private Optional<Statement.Issue> latest(String teamId, YearMonth month) {
        return jdbc.sql(HEADER + " where team_id = :team and month = :month order by revision desc limit 1")
                .param("team", teamId)
                .param("month", month.atDay(1))
                .query(Statements::header)
                .optional();
    }

    private static Statement.Issue header(ResultSet rs, int rowNum) throws SQLException {
        return new Statement.Issue(rs.getObject("id", UUID.class), rs.getInt("revision"),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant(), rs.getString("issued_by"),
                rs.getObject("corrects", UUID.class), rs.getString("reason"), rs.getObject("repricing_run_id", UUID.class));
    }

    private Statement load(Statement.Issue issue, String teamId, YearMonth month) {
        List<StatementLine> lines = jdbc.sql("""
                select model, currency, requests, prompt_tokens, completion_tokens, cached_prompt_tokens,
                       reasoning_tokens, estimated_requests, unpriced_requests, cost
                  from cost_statement_lines where statement_id = :id order by line_no""")
                .param("id", issue.id())
                .query((rs, rowNum) -> new StatementLine(rs.getString("model"), rs.getString("currency"), new Measures(
                        rs.getLong("requests"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                        rs.getLong("cached_prompt_tokens"), rs.getLong("reasoning_tokens"),
                        rs.getLong("estimated_requests"), rs.getLong("unpriced_requests"), rs.getBigDecimal("cost"))))
                .list();
        return new Statement(teamId, month, issue, lines, totals(lines));
    }

    private static List<CurrencyTotal> totals(List<StatementLine> lines) {
        List<CostReportRow> rows = lines.stream()
                .map(line -> new CostReportRow(List.of(line.model()), null, line.currency(), line.measures()))
                .toList();
        return CostReport.totals(rows);
    }

    private Statement store(Statement draft, int revision, String issuedBy, @Nullable UUID corrects,
            @Nullable String reason, @Nullable UUID repricingRunId) {
        UUID id = UUID.randomUUID();
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                insert into cost_statements (id, team_id, month, revision, issued_at, issued_by, corrects, reason,
                                             repricing_run_id)
                values (:id, :team, :month, :revision, :issuedAt, :issuedBy, :corrects, :reason, :run)""")
                .params(Map.of("id", id, "team", draft.teamId(), "month", draft.month().atDay(1), "revision", revision,
                        "issuedAt", OffsetDateTime.ofInstant(issuedAt, ZoneOffset.UTC), "issuedBy", issuedBy))
                .param("corrects", corrects, Types.OTHER)
                .param("reason", reason, Types.VARCHAR)
                .param("run", repricingRunId, Types.OTHER)
                .update();
        int lineNo = 0;
        for (StatementLine line : draft.lines()) {
            Measures m = line.measures();
            jdbc.sql("""
                    insert into cost_statement_lines (statement_id, line_no, model, currency, requests, prompt_tokens,
                        completion_tokens, cached_prompt_tokens, reasoning_tokens, estimated_requests, unpriced_requests,
                        cost)
                    values (:id, :lineNo, :model, :currency, :requests, :prompt, :completion, :cached, :reasoning,
                            :estimated, :unpriced, :cost)""")
                    .param("id", id)
                    .param("lineNo", ++lineNo)
                    .param("model", line.model())
                    .param("currency", line.currency(), Types.VARCHAR)
                    .param("requests", m.requests())
                    .param("prompt", m.promptTokens())
                    .param("completion", m.completionTokens())
                    .param("cached", m.cachedPromptTokens())
                    .param("reasoning", m.reasoningTokens())
                    .param("estimated", m.estimatedRequests())
                    .param("unpriced", m.unpricedRequests())
                    .param("cost", m.cost())
                    .update();
        }
        Statement.Issue issue = new Statement.Issue(id, revision, issuedAt, issuedBy, corrects, reason, repricingRunId);
        return new Statement(draft.teamId(), draft.month(), issue, draft.lines(), draft.totals());
    }
}
