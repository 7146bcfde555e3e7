package io.signalbox.cost.web;

import java.net.URI;

import io.signalbox.kit.problem.Problems;
import io.signalbox.cost.access.TeamScopeException;
import io.signalbox.cost.report.InvalidReportQueryException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems shared by the report, statement and re-pricing APIs: a query that cannot be answered
 * (400, naming the parameter) and a team-scoped caller reaching beyond its team (403, the same problem
 * type the security filter uses for a missing role).
 */
@RestControllerAdvice(basePackages = { "io.signalbox.cost.report", "io.signalbox.cost.statement",
        "io.signalbox.cost.repricing" })
class CostProblems {

    static final URI INVALID_QUERY_TYPE = Problems.type("invalid-report-query");

    static final URI FORBIDDEN_TYPE = Problems.type("forbidden");

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidReportQueryException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_QUERY_TYPE, "Invalid report query",
                ex.getMessage());
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail outsideTeam(TeamScopeException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, FORBIDDEN_TYPE, "Forbidden", ex.getMessage());
        problem.setProperty("team", ex.team());
        return problem;
    }
}
