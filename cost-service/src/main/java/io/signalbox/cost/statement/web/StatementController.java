package io.signalbox.cost.statement.web;

import java.net.URI;
import java.time.DateTimeException;
import java.time.YearMonth;

import io.signalbox.cost.access.TeamScope;
import io.signalbox.cost.report.InvalidReportQueryException;
import io.signalbox.cost.statement.StatementExceptions;
import io.signalbox.cost.statement.Statements;
import io.signalbox.kit.problem.Problems;
import io.signalbox.kit.security.SignalboxPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/reports/statements/{teamId}?month=2026-11}: {@code GET} reads the latest issued revision
 * (or a specific {@code revision}), else a draft as of now; {@code POST} issues it (admin only, after the
 * month has ended, once).
 */
@RestController
class StatementController {

    static final URI PERIOD_OPEN_TYPE = Problems.type("statement-period-open");

    static final URI ALREADY_ISSUED_TYPE = Problems.type("statement-already-issued");

    static final URI NOT_FOUND_TYPE = Problems.type("statement-not-found");

    private final Statements statements;

    StatementController(Statements statements) {
        this.statements = statements;
    }

    @GetMapping(path = "/api/v1/reports/statements/{teamId}", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    StatementResponse statement(@PathVariable String teamId, @RequestParam(required = false) @Nullable String month,
            @RequestParam(required = false) @Nullable String revision) {
        TeamScope.requireTeam(teamId);
        YearMonth yearMonth = month(month);
        if (revision == null || revision.isBlank()) {
            return StatementResponse.of(statements.current(teamId, yearMonth));
        }
        return StatementResponse.of(statements.revision(teamId, yearMonth, revision(revision)));
    }

    @PostMapping(path = "/api/v1/reports/statements/{teamId}", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    ResponseEntity<StatementResponse> issue(@PathVariable String teamId, @RequestParam(required = false) @Nullable String month) {
        TeamScope.requireTeam(teamId);
        YearMonth yearMonth = month(month);
        String issuedBy = SignalboxPrincipal.current().map(SignalboxPrincipal::name).orElse("unknown");
        StatementResponse issued = StatementResponse.of(statements.issue(teamId, yearMonth, issuedBy));
        return ResponseEntity.created(URI.create("/api/v1/reports/statements/" + teamId + "?month=" + yearMonth
                + "&revision=" + issued.revision())).body(issued);
    }

    private static YearMonth month(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidReportQueryException("month", "Query parameter 'month' is required, e.g. 2026-11.");
        }
        try {
            return YearMonth.parse(value.trim());
        }
        catch (DateTimeException ex) {
            throw new InvalidReportQueryException("month", "'month' must be a year and month such as 2026-11, not '"
                    + value + "'.");
        }
    }

    private static int revision(String value) {
        try {
            int revision = Integer.parseInt(value.trim());
            if (revision >= 1) {
                return revision;
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw new InvalidReportQueryException("revision", "'revision' must be a whole number from 1, not '" + value + "'.");
    }

    @ExceptionHandler
    ProblemDetail periodOpen(StatementExceptions.PeriodOpen ex) {
        return Problems.of(HttpStatus.CONFLICT, PERIOD_OPEN_TYPE, "Statement period still open", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail alreadyIssued(StatementExceptions.AlreadyIssued ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ALREADY_ISSUED_TYPE, "Statement already issued",
                ex.getMessage());
        problem.setProperty("revision", ex.revision());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(StatementExceptions.RevisionNotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, NOT_FOUND_TYPE, "Statement revision not found", ex.getMessage());
    }
}
