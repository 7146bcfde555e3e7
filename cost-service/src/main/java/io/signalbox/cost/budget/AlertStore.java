package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code budget_alerts} and {@code budget_alert_deliveries} tables. */
@Repository
class AlertStore {

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the alert unless the same budget, period, kind and threshold already has one.
     *
     * @return whether this call recorded it
     */
    boolean insertOnce(NewAlert alert) {
        return jdbc.sql("""
                        insert into budget_alerts (id, budget_id, kind, period, period_start, period_end,
                            threshold_percent, threshold_amount, spent, currency, baseline_mean, baseline_stddev,
                            raised_at, webhook_url, delivery_state, next_attempt_at)
                        values (:id, :budgetId, :kind, :period, :periodStart, :periodEnd, :thresholdPercent,
                            :thresholdAmount, :spent, :currency, :baselineMean, :baselineStddev, :raisedAt,
                            :webhookUrl, :deliveryState, :nextAttemptAt)
                        on conflict do nothing""")
                .param("id", UUID.randomUUID())
                .param("budgetId", alert.budgetId())
                .param("kind", alert.kind().wireName())
                .param("period", alert.period().name())
                .param("periodStart", BudgetStore.utc(alert.period().start()))
                .param("periodEnd", BudgetStore.utc(alert.period().end()))
                .param("thresholdPercent", alert.thresholdPercent(), Types.INTEGER)
                .param("thresholdAmount", alert.thresholdAmount())
                .param("spent", alert.spent())
                .param("currency", alert.currency())
                .param("baselineMean", alert.baselineMean(), Types.NUMERIC)
                .param("baselineStddev", alert.baselineStddev(), Types.NUMERIC)
                .param("raisedAt", BudgetStore.utc(alert.raisedAt()))
                .param("webhookUrl", alert.webhookUrl() == null ? null : alert.webhookUrl().toString(), Types.VARCHAR)
                .param("deliveryState", (alert.webhookUrl() == null ? DeliveryState.NOT_CONFIGURED
                        : DeliveryState.PENDING).wireName())
                .param("nextAttemptAt", alert.webhookUrl() == null ? null : BudgetStore.utc(alert.raisedAt()),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .update() == 1;
    }

    /** A budget's alerts, newest first, each with its delivery attempts. */
    List<BudgetAlert> findByBudget(UUID budgetId) {
        Map<UUID, List<BudgetAlert.DeliveryAttempt>> attempts = new HashMap<>();
        jdbc.sql("""
                        select d.alert_id, d.attempt, d.attempted_at, d.status_code, d.error, d.outcome
                        from budget_alert_deliveries d join budget_alerts a on a.id = d.alert_id
                        where a.budget_id = :budgetId order by d.alert_id, d.attempt""")
                .param("budgetId", budgetId)
                .query(rs -> {
                    attempts.computeIfAbsent(rs.getObject("alert_id", UUID.class), id -> new ArrayList<>())
                            .add(new BudgetAlert.DeliveryAttempt(rs.getInt("attempt"), instant(rs, "attempted_at"),
                                    (Integer) rs.getObject("status_code"), rs.getString("error"),
                                    rs.getString("outcome")));
                });
        return jdbc.sql("select * from budget_alerts where budget_id = :budgetId order by raised_at desc, id")
                .param("budgetId", budgetId)
                .query((rs, row) -> alert(rs, attempts.getOrDefault(rs.getObject("id", UUID.class), List.of())))
                .list();
    }

    /**
     * Takes up to {@code limit} due deliveries for this instance: their next attempt moves to {@code leaseUntil},
     * so another instance does not send them at the same time, and back when this one records the attempt.
     */
    List<BudgetAlert> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        update budget_alerts set next_attempt_at = :leaseUntil
                        where id in (select id from budget_alerts
                                     where delivery_state = 'pending' and next_attempt_at <= :now
                                     order by next_attempt_at limit :limit for update skip locked)
                        returning *""")
                .param("now", BudgetStore.utc(now))
                .param("leaseUntil", BudgetStore.utc(leaseUntil))
                .param("limit", limit)
                .query((rs, row) -> alert(rs, List.of()))
                .list();
    }

    /** Records one attempt and where the delivery stands after it. */
    void recordAttempt(UUID alertId, int attempt, Instant at, @Nullable Integer statusCode, @Nullable String error,
            DeliveryState state, @Nullable Instant nextAttemptAt) {
        String outcome = state == DeliveryState.DELIVERED ? "delivered"
                : state == DeliveryState.PENDING ? "retry" : "failed";
        jdbc.sql("""
                        insert into budget_alert_deliveries
                            (alert_id, attempt, attempted_at, status_code, error, outcome)
                        values (:id, :attempt, :at, :statusCode, :error, :outcome)""")
                .param("id", alertId)
                .param("attempt", attempt)
                .param("at", BudgetStore.utc(at))
                .param("statusCode", statusCode, Types.INTEGER)
                .param("error", error, Types.VARCHAR)
                .param("outcome", outcome)
                .update();
        jdbc.sql("""
                        update budget_alerts set delivery_state = :state, delivery_attempts = :attempt,
                            next_attempt_at = :next, delivered_at = :deliveredAt
                        where id = :id""")
                .param("state", state.wireName())
                .param("attempt", attempt)
                .param("next", nextAttemptAt == null ? null : BudgetStore.utc(nextAttemptAt),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .param("deliveredAt", state == DeliveryState.DELIVERED ? BudgetStore.utc(at) : null,
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .param("id", alertId)
                .update();
    }

    private static BudgetAlert alert(ResultSet rs, List<BudgetAlert.DeliveryAttempt> attempts) throws SQLException {
        String webhook = rs.getString("webhook_url");
        return new BudgetAlert(rs.getObject("id", UUID.class), rs.getObject("budget_id", UUID.class),
                AlertKind.fromWire(rs.getString("kind")), rs.getString("period"), instant(rs, "period_start"),
                instant(rs, "period_end"), (Integer) rs.getObject("threshold_percent"),
                rs.getBigDecimal("threshold_amount"), rs.getBigDecimal("spent"), rs.getString("currency"),
                rs.getBigDecimal("baseline_mean"), rs.getBigDecimal("baseline_stddev"), instant(rs, "raised_at"),
                webhook == null ? null : URI.create(webhook), DeliveryState.fromWire(rs.getString("delivery_state")),
                rs.getInt("delivery_attempts"), nullableInstant(rs, "next_attempt_at"),
                nullableInstant(rs, "delivered_at"), attempts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An alert to record. */
    record NewAlert(UUID budgetId, AlertKind kind, PeriodWindow period, @Nullable Integer thresholdPercent,
            BigDecimal thresholdAmount, BigDecimal spent, String currency, @Nullable BigDecimal baselineMean,
            @Nullable BigDecimal baselineStddev, Instant raisedAt, @Nullable URI webhookUrl) {
    }
}
