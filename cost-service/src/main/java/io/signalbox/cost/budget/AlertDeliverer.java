package io.signalbox.cost.budget;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.signalbox.contracts.json.ContractJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers recorded alerts to their webhooks, at least once, with exponential back-off: after the n-th failed
 * attempt the next one waits {@code initial-backoff × 2^(n-1)}, at most {@code max-backoff}, for up to
 * {@code max-attempts} attempts. No answer, 408, 429 and 5xx are retried; any other non-2xx answer fails the
 * delivery at once. Every attempt is recorded. Deliveries live in the database, so they survive a restart, and
 * each is claimed by one instance at a time.
 */
@Component
class AlertDeliverer {

    private static final Logger log = LoggerFactory.getLogger(AlertDeliverer.class);

    private static final int BATCH = 20;

    private final AlertStore alerts;

    private final BudgetStore budgets;

    private final BudgetProperties.Alerts properties;

    private final AlertWebhook webhook;

    private final Clock clock = Clock.systemUTC();

    AlertDeliverer(AlertStore alerts, BudgetStore budgets, BudgetProperties properties) {
        this.alerts = alerts;
        this.budgets = budgets;
        this.properties = properties.alerts();
        this.webhook = new AlertWebhook(this.properties.timeout());
    }

    /** Attempts every delivery that is due; what fails waits for its next attempt. */
    void deliverDue() {
        List<BudgetAlert> due;
        do {
            Instant now = clock.instant();
            // The lease outlasts one batch of attempts that all time out, so no other instance sends them meanwhile.
            due = alerts.claimDue(now, now.plus(properties.timeout().multipliedBy(BATCH + 1)), BATCH);
            due.forEach(this::attempt);
        }
        while (due.size() == BATCH);
    }

    void deliverDueLogged() {
        try {
            deliverDue();
        }
        catch (RuntimeException ex) {
            log.warn("Delivering budget alerts failed; the next run tries again", ex);
        }
    }

    private void attempt(BudgetAlert alert) {
        URI url = alert.webhookUrl();
        Optional<Budget> budget = budgets.find(alert.budgetId());
        if (url == null || budget.isEmpty()) {
            return;
        }
        int attempt = alert.deliveryAttempts() + 1;
        AlertWebhook.Result result = webhook.post(url, alert.id().toString(),
                ContractJson.toJson(AlertPayload.of(alert, budget.get())));
        Instant at = clock.instant();
        DeliveryState state;
        Instant next = null;
        if (result.outcome() == AlertWebhook.Outcome.DELIVERED) {
            state = DeliveryState.DELIVERED;
        }
        else if (result.outcome() == AlertWebhook.Outcome.RETRYABLE && attempt < properties.maxAttempts()) {
            state = DeliveryState.PENDING;
            next = at.plus(backoff(attempt));
        }
        else {
            state = DeliveryState.FAILED;
            log.warn("Budget alert {} ({} of budget {}) could not be delivered to {} after {} attempt(s): {}",
                    alert.id(), alert.kind().wireName(), alert.budgetId(), url, attempt, result.error());
        }
        alerts.recordAttempt(alert.id(), attempt, at, result.statusCode(), result.error(), state, next);
    }

    /** The wait after the {@code attempt}-th failure. */
    Duration backoff(int attempt) {
        Duration wait = properties.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }
}
