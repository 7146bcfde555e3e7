package io.signalbox.cost.budget.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.signalbox.cost.budget.BudgetAlert;
import org.jspecify.annotations.Nullable;

/** An alert of a budget, with its webhook delivery. */
record AlertResponse(
        String id,
        String kind,
        String period,
        Instant periodStart,
        Instant periodEnd,
        @Nullable Integer thresholdPercent,
        String thresholdAmount,
        String spent,
        String currency,
        @Nullable String baselineMean,
        @Nullable String baselineStddev,
        Instant raisedAt,
        Delivery delivery) {

    static AlertResponse of(BudgetAlert alert) {
        return new AlertResponse(alert.id().toString(), alert.kind().wireName(), alert.period(), alert.periodStart(),
                alert.periodEnd(), alert.thresholdPercent(), alert.thresholdAmount().toPlainString(),
                alert.spent().toPlainString(), alert.currency(), plain(alert.baselineMean()),
                plain(alert.baselineStddev()), alert.raisedAt(),
                new Delivery(alert.deliveryState().wireName(),
                        alert.webhookUrl() == null ? null : alert.webhookUrl().toString(), alert.nextAttemptAt(),
                        alert.deliveredAt(), alert.attempts().stream().map(Attempt::of).toList()));
    }

    private static @Nullable String plain(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /**
     * @param state {@code pending}, {@code delivered}, {@code failed} or {@code not-configured}
     * @param nextAttemptAt when the next attempt is due, while pending
     */
    record Delivery(String state, @Nullable String webhookUrl, @Nullable Instant nextAttemptAt,
            @Nullable Instant deliveredAt, List<Attempt> attempts) {
    }

    /** @param outcome {@code delivered}, {@code retry} or {@code failed} */
    record Attempt(int attempt, Instant at, @Nullable Integer statusCode, @Nullable String error, String outcome) {

        static Attempt of(BudgetAlert.DeliveryAttempt attempt) {
            return new Attempt(attempt.attempt(), attempt.attemptedAt(), attempt.statusCode(), attempt.error(),
                    attempt.outcome());
        }
    }
}
