package io.signalbox.cost.repricing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.cost.access.TeamScope;
import io.signalbox.cost.repricing.IssuedStatementsInPeriodException;
import io.signalbox.cost.repricing.Repricer;
import io.signalbox.cost.repricing.RepricingRequest;
import io.signalbox.cost.repricing.RepricingRun;
import io.signalbox.cost.repricing.RepricingRuns;
import io.signalbox.cost.statement.Statements;
import io.signalbox.kit.security.SignalboxPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/reports/repricing} re-prices a model's line items over a period (admin role, and not a
 * team-scoped credential: a model's items span teams); {@code GET /api/v1/reports/repricing} and
 * {@code /{id}} read the audit records (not for team-scoped credentials either: a run's totals span teams).
 */
@RestController
class RepricingController {

    static final URI INVALID_TYPE = URI.create("https://signalbox.io/problems/invalid-repricing-request");

    static final URI ISSUED_TYPE = URI.create("https://signalbox.io/problems/period-has-issued-statements");

    static final URI NOT_FOUND_TYPE = URI.create("https://signalbox.io/problems/repricing-run-not-found");

    private static final int MAX_REASON = 1000;

    private final Repricer repricer;

    private final RepricingRuns runs;

    RepricingController(Repricer repricer, RepricingRuns runs) {
        this.repricer = repricer;
        this.runs = runs;
    }

    @PostMapping("/api/v1/reports/repricing")
    ResponseEntity<RepricingResponse> reprice(@RequestBody RepricingBody body) {
        TeamScope.requireUnscoped("re-pricing, which changes every team's line items of a model");
        RepricingRequest request = request(body);
        String requestedBy = SignalboxPrincipal.current().map(SignalboxPrincipal::name).orElse("unknown");
        RepricingRun run = repricer.reprice(request, requestedBy);
        RepricingResponse response = RepricingResponse.of(run);
        if (run.dryRun()) {
            return ResponseEntity.ok(response);
        }
        return ResponseEntity.created(URI.create("/api/v1/reports/repricing/" + run.id())).body(response);
    }

    @GetMapping("/api/v1/reports/repricing")
    List<RepricingResponse> runs() {
        TeamScope.requireUnscoped("re-pricing runs, whose totals span teams");
        return runs.latest(100).stream().map(RepricingResponse::of).toList();
    }

    @GetMapping("/api/v1/reports/repricing/{id}")
    RepricingResponse run(@PathVariable UUID id) {
        TeamScope.requireUnscoped("re-pricing runs, whose totals span teams");
        return runs.find(id).map(RepricingResponse::of)
                .orElseThrow(() -> new RunNotFoundException(id));
    }

    private static RepricingRequest request(RepricingBody body) {
        String modelId = required("modelId", body.modelId());
        Instant from = instant("from", body.from());
        Instant to = instant("to", body.to());
        if (!from.isBefore(to)) {
            throw new InvalidRepricingRequestException("to", "'to' (" + to + ") must be after 'from' (" + from + ").");
        }
        String reason = required("reason", body.reason());
        if (reason.length() > MAX_REASON) {
            throw new InvalidRepricingRequestException("reason", "'reason' must be at most " + MAX_REASON + " characters.");
        }
        RepricingBody.Price price = body.price();
        if (price == null) {
            throw new InvalidRepricingRequestException("price", "'price' is required: the corrected price.");
        }
        PriceSnapshot snapshot;
        try {
            snapshot = new PriceSnapshot(required("price.priceId", price.priceId()), modelId,
                    required("price.currency", price.currency()), rate("price.inputPerMillion", price.inputPerMillion()),
                    rate("price.outputPerMillion", price.outputPerMillion()),
                    rate("price.cachedInputPerMillion", price.cachedInputPerMillion()), from,
                    price.reasoningPerMillion() == null ? null : rate("price.reasoningPerMillion", price.reasoningPerMillion()));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRepricingRequestException("price", ex.getMessage());
        }
        return new RepricingRequest(modelId, from, to, snapshot, reason, Boolean.TRUE.equals(body.correctIssuedStatements()),
                Boolean.TRUE.equals(body.dryRun()));
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRepricingRequestException(field, "'" + field + "' is required.");
        }
        return value.strip();
    }

    private static BigDecimal rate(String field, @Nullable BigDecimal value) {
        if (value == null) {
            throw new InvalidRepricingRequestException(field, "'" + field + "' is required (per million tokens).");
        }
        if (value.signum() < 0) {
            throw new InvalidRepricingRequestException(field, "'" + field + "' must not be negative.");
        }
        return value;
    }

    private static Instant instant(String field, @Nullable String value) {
        String text = required(field, value);
        try {
            return text.indexOf('T') < 0 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        }
        catch (DateTimeException ex) {
            throw new InvalidRepricingRequestException(field, "'" + field + "' must be an ISO date (UTC) or instant, not '"
                    + value + "'.");
        }
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidRepricingRequestException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(INVALID_TYPE);
        problem.setTitle("Invalid re-pricing request");
        problem.setProperty("parameter", ex.parameter());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail issuedStatements(IssuedStatementsInPeriodException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(ISSUED_TYPE);
        problem.setTitle("Period covered by issued statements");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Statements.IssuedRef statement : ex.statements()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("teamId", statement.teamId());
            fields.put("month", statement.month().toString());
            fields.put("revision", statement.revision());
            fields.put("statementId", statement.statementId().toString());
            statements.add(fields);
        }
        problem.setProperty("statements", statements);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(RunNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(NOT_FOUND_TYPE);
        problem.setTitle("Re-pricing run not found");
        return problem;
    }

    /** No run has the id. */
    static final class RunNotFoundException extends RuntimeException {

        RunNotFoundException(UUID id) {
            super("No re-pricing run has the id " + id + ".");
        }
    }
}
