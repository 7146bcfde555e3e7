package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.kit.problem.FieldViolation;
import org.jspecify.annotations.Nullable;

/**
 * What a budget is, as a client states it: the rules that span several fields are checked here, so a definition
 * that exists is one the ledger, the publisher and routing can all work with.
 *
 * @param scopeId a registry id, or {@code <tagName>=<value>} for a tag budget
 * @param amount the budget for one period, in {@code currency}; the hard limit when {@code enforceHardLimit}
 * @param softLimitPercent the share of {@code amount} from which the state is {@code soft} (routing steps requests
 *     down a quality tier)
 * @param enforceHardLimit whether reaching {@code amount} makes the state {@code hard} (routing refuses requests);
 *     when false the budget only steps down and alerts
 * @param alertThresholds percentages of {@code amount} that raise an alert once per period when reached, ascending
 * @param webhookUrl where this budget's alerts go; null: the configured default, if any
 */
public record BudgetDefinition(
        String name,
        BudgetScope scope,
        String scopeId,
        BudgetPeriod period,
        ZoneId timeZone,
        String currency,
        BigDecimal amount,
        int softLimitPercent,
        boolean enforceHardLimit,
        List<Integer> alertThresholds,
        @Nullable URI webhookUrl) {

    public static final int DEFAULT_SOFT_LIMIT_PERCENT = 80;

    public static final List<Integer> DEFAULT_ALERT_THRESHOLDS = List.of(50, 80, 100);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public BudgetDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        alertThresholds = alertThresholds.stream().distinct().sorted().toList();
        List<FieldViolation> violations = new ArrayList<>();
        if (scope == BudgetScope.TAG) {
            int eq = scopeId.indexOf('=');
            if (eq <= 0 || eq == scopeId.length() - 1) {
                violations.add(new FieldViolation("scopeId",
                        "a tag budget's scopeId is <tagName>=<value>, both non-empty, e.g. project=checkout"));
            }
        }
        if (amount.signum() <= 0) {
            violations.add(new FieldViolation("amount", "must be greater than 0"));
        }
        else if (amount.stripTrailingZeros().scale() > PriceSnapshot.COST_SCALE) {
            violations.add(new FieldViolation("amount", "must have at most " + PriceSnapshot.COST_SCALE + " decimals"));
        }
        if (webhookUrl != null && !WebhookUrls.isHttpUrl(webhookUrl.toString())) {
            violations.add(new FieldViolation("webhookUrl", "must be an absolute http or https URL without user info"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidBudgetException(violations);
        }
        amount = amount.setScale(PriceSnapshot.COST_SCALE, RoundingMode.UNNECESSARY);
    }

    /** The tag a tag budget covers; only for {@link BudgetScope#TAG}. */
    String tagName() {
        return scopeId.substring(0, scopeId.indexOf('='));
    }

    String tagValue() {
        return scopeId.substring(scopeId.indexOf('=') + 1);
    }

    /** The key of this budget on {@code signalbox.budget-status.v1}: {@code <scope>:<scopeId>}. */
    public String statusKey() {
        return scope.statusKey(scopeId);
    }

    /** The spend from which the state is {@code soft}. */
    public BigDecimal softLimit() {
        return share(softLimitPercent);
    }

    /** The spend from which requests are refused; null when the hard limit is not enforced. */
    public @Nullable BigDecimal hardLimit() {
        return enforceHardLimit ? amount : null;
    }

    /** {@code percent} % of the amount, exact to the cent's ten-thousandth like every sum of money here. */
    BigDecimal share(int percent) {
        return amount.multiply(BigDecimal.valueOf(percent)).divide(HUNDRED, PriceSnapshot.COST_SCALE,
                RoundingMode.HALF_EVEN);
    }

    /**
     * The state routing enforces at this spend: {@code hard} once spend reaches the amount (when the hard limit is
     * enforced), else {@code soft} once it reaches the soft limit, else {@code ok}.
     */
    public BudgetState stateAt(BigDecimal spent) {
        BigDecimal hard = hardLimit();
        if (hard != null && spent.compareTo(hard) >= 0) {
            return BudgetState.HARD;
        }
        return spent.compareTo(softLimit()) >= 0 ? BudgetState.SOFT : BudgetState.OK;
    }

    /** Whether the spend counters of {@code other} count the same line items as this definition's. */
    boolean countsTheSameAs(BudgetDefinition other) {
        return scope == other.scope && scopeId.equals(other.scopeId) && period == other.period
                && timeZone.equals(other.timeZone) && currency.equals(other.currency);
    }
}
