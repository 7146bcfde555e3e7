package io.signalbox.cost.web;

import java.net.URI;

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

    static final URI INVALID_QUERY_TYPE = URI.create("https://signalbox.io/problems/invalid-report-query");

    static final URI FORBIDDEN_TYPE = URI.create("https://signalbox.io/problems/forbidden");

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidReportQueryException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(INVALID_QUERY_TYPE);
        problem.setTitle("Invalid report query");
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail outsideTeam(TeamScopeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setType(FORBIDDEN_TYPE);
        problem.setTitle("Forbidden");
        problem.setProperty("team", ex.team());
        return problem;
    }
}
