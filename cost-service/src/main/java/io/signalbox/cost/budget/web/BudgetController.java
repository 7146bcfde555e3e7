package io.signalbox.cost.budget.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.signalbox.cost.budget.BudgetDefinition;
import io.signalbox.cost.budget.BudgetFilter;
import io.signalbox.cost.budget.BudgetNotFoundException;
import io.signalbox.cost.budget.BudgetPeriod;
import io.signalbox.cost.budget.BudgetScope;
import io.signalbox.cost.budget.BudgetState;
import io.signalbox.cost.budget.BudgetView;
import io.signalbox.cost.budget.Budgets;
import io.signalbox.cost.budget.InvalidBudgetException;
import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.kit.security.SignalboxPrincipal;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/budgets}. Budgets carry a revision as their {@code ETag}; an update must name the revision it was
 * made against in {@code If-Match}, so two people changing one budget cannot silently undo each other's change.
 *
 * <p>A team-scoped credential sees only its own team's budget (others answer 404, as if they did not exist) and
 * changes none: budgets are set by finance and admins for the team.
 */
@RestController
@RequestMapping("/api/v1/budgets")
class BudgetController {

    static final int DEFAULT_SIZE = 100;

    static final int MAX_SIZE = 500;

    private final Budgets budgets;

    BudgetController(Budgets budgets) {
        this.budgets = budgets;
    }

    @PostMapping
    ResponseEntity<BudgetResponse> create(@Valid @RequestBody BudgetRequest request) {
        refuseTeamScoped();
        BudgetView view = budgets.create(request.toDefinition());
        return ResponseEntity.created(URI.create("/api/v1/budgets/" + view.budget().id()))
                .eTag(Revisions.etag(view.budget().revision()))
                .body(BudgetResponse.of(view));
    }

    /** Filters: {@code scope}, {@code scopeId}, {@code period}, {@code currency}, {@code state} (current state). */
    @GetMapping
    BudgetList list(@RequestParam(required = false) @Nullable String scope,
            @RequestParam(required = false) @Nullable String scopeId,
            @RequestParam(required = false) @Nullable String period,
            @RequestParam(required = false) @Nullable String currency,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        List<FieldViolation> violations = new ArrayList<>();
        BudgetScope scopeFilter = parse(scope, "scope", "tenant, team, key, tag", violations, BudgetScope::fromWire);
        BudgetPeriod periodFilter = parse(period, "period", "daily, monthly", violations, BudgetPeriod::fromWire);
        BudgetState stateFilter = parse(state, "state", "ok, soft, hard", violations,
                name -> BudgetState.valueOf(name.toUpperCase(Locale.ROOT)));
        if (page < 0) {
            violations.add(new FieldViolation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new FieldViolation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidBudgetException(violations);
        }
        List<BudgetView> all = budgets.list(new BudgetFilter(scopeFilter, blankToNull(scopeId), periodFilter,
                blankToNull(currency), stateFilter)).stream().filter(BudgetController::visible).toList();
        List<BudgetResponse> items = all.stream().skip((long) page * size).limit(size).map(BudgetResponse::of).toList();
        return new BudgetList(items, page, size, all.size());
    }

    @GetMapping("/{id}")
    ResponseEntity<BudgetResponse> get(@PathVariable String id) {
        BudgetView view = budgets.get(id);
        if (!visible(view)) {
            throw new BudgetNotFoundException(id);
        }
        return ResponseEntity.ok().eTag(Revisions.etag(view.budget().revision())).body(BudgetResponse.of(view));
    }

    /** Replaces the budget; {@code If-Match} is required ({@code *} for any revision). */
    @PutMapping("/{id}")
    ResponseEntity<BudgetResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody BudgetRequest request) {
        refuseTeamScoped();
        Long revision = Revisions.required(ifMatch);
        BudgetView view = budgets.update(id, revision, request.toDefinition());
        return ResponseEntity.ok().eTag(Revisions.etag(view.budget().revision())).body(BudgetResponse.of(view));
    }

    /** Deletes the budget; routing stops enforcing it once the tombstone arrives. {@code If-Match} is optional. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        refuseTeamScoped();
        budgets.delete(id, Revisions.optional(ifMatch));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** The budget's alerts, newest first, each with its webhook delivery attempts. */
    @GetMapping("/{id}/alerts")
    AlertList alerts(@PathVariable String id) {
        if (!visible(budgets.get(id))) {
            throw new BudgetNotFoundException(id);
        }
        return new AlertList(budgets.alerts(id).stream().map(AlertResponse::of).toList());
    }

    /** Whether the caller may see the budget: any budget, unless the credential is confined to a team. */
    private static boolean visible(BudgetView view) {
        Optional<String> team = confinedTeam();
        BudgetDefinition budget = view.budget().definition();
        return team.isEmpty() || (budget.scope() == BudgetScope.TEAM && budget.scopeId().equals(team.get()));
    }

    private static void refuseTeamScoped() {
        Optional<String> team = confinedTeam();
        if (team.isPresent()) {
            throw new TeamScopedWriteException(team.get());
        }
    }

    private static Optional<String> confinedTeam() {
        return SignalboxPrincipal.current().filter(SignalboxPrincipal::teamScoped).map(SignalboxPrincipal::team);
    }

    private static <T> @Nullable T parse(@Nullable String value, String parameter, String allowed,
            List<FieldViolation> violations, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        }
        catch (IllegalArgumentException ex) {
            violations.add(new FieldViolation(parameter, "must be one of " + allowed));
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The envelope of the list: like every list answer of the admin APIs. */
    record BudgetList(List<BudgetResponse> items, int page, int size, long total) {
    }

    record AlertList(List<AlertResponse> items) {
    }

    /** A team-scoped credential tried to change a budget (answered 403). */
    static final class TeamScopedWriteException extends RuntimeException {

        TeamScopedWriteException(String team) {
            super("This credential is confined to team '" + team + "' and may read that team's budget, not change "
                    + "budgets; finance and admins set them.");
        }
    }
}
