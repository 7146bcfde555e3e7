package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.cost.budgets.*}: how fast budget status reaches routing, how alerts are delivered and when a
 * day's spend counts as an anomaly.
 *
 * @param status publishing to {@code signalbox.budget-status.v1}
 * @param alerts webhook delivery of threshold, hard-limit and anomaly alerts
 * @param anomaly the scheduled spend anomaly check
 */
@Validated
@ConfigurationProperties("signalbox.cost.budgets")
record BudgetProperties(
        @DefaultValue @Valid @NotNull Status status,
        @DefaultValue @Valid @NotNull Alerts alerts,
        @DefaultValue @Valid @NotNull Anomaly anomaly) {

    /**
     * @param flushInterval the longest a changed spend waits before its status is published; a change of state
     *     (ok, soft, hard) is published at once, without waiting
     * @param republishInterval every budget's status is published again this often, so a new period appears at
     *     rollover and the compacted topic always holds a recent status
     * @param partitions partitions of the topic when this service creates it
     */
    record Status(
            @DefaultValue("1s") @NotNull Duration flushInterval,
            @DefaultValue("60s") @NotNull Duration republishInterval,
            @DefaultValue("1") @Min(1) int partitions) {

        @AssertTrue(message = "flush-interval must be at least 10ms and republish-interval at least 1s")
        boolean isSane() {
            return flushInterval.toMillis() >= 10 && republishInterval.toMillis() >= 1000;
        }
    }

    /**
     * Alerts are delivered at least once: receivers de-duplicate on the {@code alertId} (also sent as the
     * {@code X-Signalbox-Alert-Id} header).
     *
     * @param defaultWebhookUrl where alerts of budgets without their own {@code webhookUrl} go; blank: nowhere
     *     (the alert is still recorded)
     * @param pollInterval how often due deliveries are looked for
     * @param timeout connect and response timeout of one delivery attempt
     * @param initialBackoff the wait after the first failed attempt; doubled after each further failure
     * @param maxBackoff the longest wait between two attempts
     * @param maxAttempts attempts before an alert's delivery is given up as failed
     */
    record Alerts(
            @Nullable URI defaultWebhookUrl,
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("5s") @NotNull Duration timeout,
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("10m") @NotNull Duration maxBackoff,
            @DefaultValue("8") @Min(1) @Max(100) int maxAttempts) {

        Alerts {
            if (defaultWebhookUrl != null && defaultWebhookUrl.toString().isBlank()) {
                defaultWebhookUrl = null;
            }
        }

        @AssertTrue(message = "default-webhook-url must be an absolute http or https URL")
        boolean isDefaultWebhookUrlHttp() {
            return defaultWebhookUrl == null || WebhookUrls.isHttpUrl(defaultWebhookUrl.toString());
        }
    }

    /**
     * A scope's spend so far today is an anomaly when it is above {@code minimumDaySpend}, above the mean of the
     * previous {@code baselineDays} days plus {@code stddevFactor} standard deviations, and at least
     * {@code minimumIncreasePercent} above that mean; scopes with spend on fewer than {@code minimumBaselineDays}
     * of those days have no baseline yet. See {@link SpendAnomalyRule}.
     *
     * @param enabled whether the check runs at all
     * @param checkInterval how often the check runs (it is cheap: one grouped query per budget)
     */
    record Anomaly(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15m") @NotNull Duration checkInterval,
            @DefaultValue("14") @Min(2) @Max(92) int baselineDays,
            @DefaultValue("7") @Min(1) int minimumBaselineDays,
            @DefaultValue("3") @NotNull @DecimalMin("0") BigDecimal stddevFactor,
            @DefaultValue("10") @NotNull @DecimalMin("0") BigDecimal minimumDaySpend,
            @DefaultValue("50") @NotNull @DecimalMin("0") BigDecimal minimumIncreasePercent) {

        @AssertTrue(message = "minimum-baseline-days must not be more than baseline-days")
        boolean isBaselineConsistent() {
            return minimumBaselineDays <= baselineDays;
        }

        SpendAnomalyRule rule() {
            return new SpendAnomalyRule(minimumBaselineDays, stddevFactor, minimumDaySpend, minimumIncreasePercent);
        }
    }
}
