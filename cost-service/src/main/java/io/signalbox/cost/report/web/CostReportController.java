package io.signalbox.cost.report.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.signalbox.cost.access.TeamScope;
import io.signalbox.cost.report.CostReportQuery;
import io.signalbox.cost.report.CostReports;
import io.signalbox.cost.report.Dimension;
import io.signalbox.cost.report.InvalidReportQueryException;
import io.signalbox.cost.report.ReportParameters;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cost allocation for finance under {@code /api/v1/reports}: the report itself, top spenders,
 * period-over-period change and cost per 1,000 requests. JSON by default, CSV for {@code Accept: text/csv}
 * (the JSON type is listed first so that clients accepting anything get JSON). A team-scoped caller's
 * queries are confined to its team before they run.
 */
@RestController
class CostReportController {

    private static final int MAX_LIMIT = 1000;

    private final CostReports reports;

    CostReportController(CostReports reports) {
        this.reports = reports;
    }

    @GetMapping(path = "/api/v1/reports/costs", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    CostReportResponse costs(@RequestParam MultiValueMap<String, String> params) {
        return CostReportResponse.of(reports.report(query(params, Set.of(), "team")));
    }

    @GetMapping(path = "/api/v1/reports/top-spenders", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    TopSpendersResponse topSpenders(@RequestParam MultiValueMap<String, String> params) {
        if (params.containsKey("groupBy")) {
            throw new InvalidReportQueryException("groupBy", "Top spenders rank one dimension: use 'by', not 'groupBy'.");
        }
        String byName = ReportParameters.single(params, "by");
        Dimension by = byName == null ? Dimension.TEAM : Dimension.fromApiName(byName)
                .orElseThrow(() -> new InvalidReportQueryException("by", "by must be one dimension (tenant, team, key, "
                        + "model, provider, route, tag), not '" + byName + "'."));
        int limit = limit(ReportParameters.single(params, "limit"));
        CostReportQuery query = query(params, Set.of("by", "limit"), by.apiName());
        return TopSpendersResponse.of(reports.topSpenders(query, by, limit));
    }

    @GetMapping(path = "/api/v1/reports/period-over-period", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    PeriodComparisonResponse periodOverPeriod(@RequestParam MultiValueMap<String, String> params) {
        return PeriodComparisonResponse.of(reports.compareWithPreviousPeriod(query(params, Set.of(), "team")));
    }

    @GetMapping(path = "/api/v1/reports/cost-per-1000-requests", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    UnitCostsResponse costPer1000Requests(@RequestParam MultiValueMap<String, String> params) {
        return UnitCostsResponse.of(reports.unitCosts(query(params, Set.of(), "model")));
    }

    private static CostReportQuery query(Map<String, List<String>> params, Set<String> extra, String defaultGroupBy) {
        CostReportQuery query = ReportParameters.parse(params, extra, defaultGroupBy);
        Set<String> teams = TeamScope.teams(query.filter(Dimension.TEAM));
        return teams.equals(query.filter(Dimension.TEAM)) ? query : query.withFilter(Dimension.TEAM, teams);
    }

    private static int limit(@Nullable String value) {
        if (value == null) {
            return 10;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw new InvalidReportQueryException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT
                + ", not '" + value + "'.");
    }
}
