package io.signalbox.cost.report.web;

import java.net.URI;

import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.CostReports;
import io.signalbox.cost.report.InvalidReportQueryException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/costs}: cost allocation for finance. JSON by default, CSV for
 * {@code Accept: text/csv}; the JSON type is listed first so that clients accepting anything get JSON.
 */
@RestController
class CostReportController {

    static final URI INVALID_QUERY_TYPE = URI.create("https://signalbox.io/problems/invalid-report-query");

    private final CostReports reports;

    CostReportController(CostReports reports) {
        this.reports = reports;
    }

    @GetMapping(path = "/api/v1/reports/costs", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    CostReportResponse costs(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String groupBy) {
        return CostReportResponse.of(reports.report(CostReportQuery.parse(from, to, groupBy)));
    }

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidReportQueryException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(INVALID_QUERY_TYPE);
        problem.setTitle("Invalid report query");
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }
}
