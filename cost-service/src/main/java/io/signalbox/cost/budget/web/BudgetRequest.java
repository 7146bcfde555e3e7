package io.signalbox.cost.budget.web;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.List;

import io.signalbox.cost.budget.BudgetDefinition;
import io.signalbox.cost.budget.BudgetPeriod;
import io.signalbox.cost.budget.BudgetScope;
import io.signalbox.cost.budget.InvalidBudgetException;
import io.signalbox.kit.problem.FieldViolation;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/budgets} and {@code PUT /api/v1/budgets/{id}}. Left out: {@code timeZone} UTC,
 * {@code softLimitPercent} 80, {@code enforceHardLimit} true, {@code alertThresholds} [50, 80, 100], no
 * {@code webhookUrl} (the configured default).
 */
record BudgetRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "tenant|team|key|tag", message = "must be one of tenant, team, key, tag")
        String scope,
        @NotBlank @Size(max = 300) String scopeId,
        @NotNull @Pattern(regexp = "daily|monthly", message = "must be daily or monthly") String period,
        @Nullable @TimeZoneId String timeZone,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
        @NotNull @Positive @Digits(integer = 14, fraction = 6) BigDecimal amount,
        @Nullable @Min(1) @Max(1000) Integer softLimitPercent,
        @Nullable Boolean enforceHardLimit,
        @Nullable @Size(max = 20) List<@NotNull @Min(1) @Max(1000) Integer> alertThresholds,
        @Nullable @Size(max = 2000) String webhookUrl) {

    static final String DEFAULT_TIME_ZONE = "UTC";

    BudgetDefinition toDefinition() {
        return new BudgetDefinition(name.strip(), BudgetScope.fromWire(scope), scopeId.strip(),
                BudgetPeriod.fromWire(period), ZoneId.of(timeZone == null ? DEFAULT_TIME_ZONE : timeZone),
                currency, amount,
                softLimitPercent == null ? BudgetDefinition.DEFAULT_SOFT_LIMIT_PERCENT : softLimitPercent,
                enforceHardLimit == null || enforceHardLimit,
                alertThresholds == null ? BudgetDefinition.DEFAULT_ALERT_THRESHOLDS : alertThresholds,
                webhookUrl == null || webhookUrl.isBlank() ? null : uri(webhookUrl.strip()));
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        }
        catch (URISyntaxException ex) {
            throw new InvalidBudgetException(List.of(new FieldViolation("webhookUrl",
                    "must be an absolute http or https URL without user info")));
        }
    }
}
