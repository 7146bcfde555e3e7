package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An alert as recorded: raised at most once per budget, period, kind and threshold.
 *
 * @param period the budget period's name; for an anomaly the day's ({@code 2026-11-21})
 * @param thresholdPercent the threshold reached, for {@link AlertKind#THRESHOLD}
 * @param thresholdAmount the spend that raised the alert when reached: the threshold's share of the amount, the
 *     amount itself (hard limit), or the anomaly bound
 * @param spent the spend in the period when the alert was raised
 * @param baselineMean for an anomaly: the mean day spend of the baseline days
 * @param baselineStddev for an anomaly: the standard deviation of those days
 * @param webhookUrl where the alert is delivered; null when nowhere
 * @param attempts every delivery attempt, first first
 */
public record BudgetAlert(
        UUID id,
        UUID budgetId,
        AlertKind kind,
        String period,
        Instant periodStart,
        Instant periodEnd,
        @Nullable Integer thresholdPercent,
        BigDecimal thresholdAmount,
        BigDecimal spent,
        String currency,
        @Nullable BigDecimal baselineMean,
        @Nullable BigDecimal baselineStddev,
        Instant raisedAt,
        @Nullable URI webhookUrl,
        DeliveryState deliveryState,
        int deliveryAttempts,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant deliveredAt,
        List<DeliveryAttempt> attempts) {

    /**
     * One delivery attempt.
     *
     * @param statusCode the webhook's HTTP status; null when there was no answer
     * @param error why there was no answer, or what the answer meant
     * @param outcome {@code delivered}, {@code retry} (another attempt follows) or {@code failed} (none will)
     */
    public record DeliveryAttempt(int attempt, Instant attemptedAt, @Nullable Integer statusCode,
            @Nullable String error, String outcome) {
    }
}
