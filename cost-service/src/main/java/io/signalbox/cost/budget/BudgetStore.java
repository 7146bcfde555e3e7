package io.signalbox.cost.budget;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code budgets} table. Plain SQL, like the rest of the service. */
@Repository
class BudgetStore {

    private static final String COLUMNS = """
            id, name, scope, scope_id, period, time_zone, currency, amount, soft_limit_percent, enforce_hard_limit,
            alert_thresholds, webhook_url, revision, created_at, updated_at""";

    private final JdbcClient jdbc;

    BudgetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Budget budget) {
        BudgetDefinition d = budget.definition();
        jdbc.sql("insert into budgets (" + COLUMNS + ") values (:id, :name, :scope, :scopeId, :period, :timeZone,"
                        + " :currency, :amount, :softLimitPercent, :enforceHardLimit, :alertThresholds, :webhookUrl,"
                        + " :revision, :createdAt, :updatedAt)")
                .param("id", budget.id())
                .params(definitionParams(d))
                .param("revision", budget.revision())
                .param("createdAt", utc(budget.createdAt()))
                .param("updatedAt", utc(budget.updatedAt()))
                .update();
    }

    /** Replaces the definition of the budget if it is still at {@code revision}; returns whether it was. */
    boolean update(UUID id, long revision, BudgetDefinition definition, Instant at) {
        return jdbc.sql("""
                        update budgets set name = :name, scope = :scope, scope_id = :scopeId, period = :period,
                            time_zone = :timeZone, currency = :currency, amount = :amount,
                            soft_limit_percent = :softLimitPercent, enforce_hard_limit = :enforceHardLimit,
                            alert_thresholds = :alertThresholds, webhook_url = :webhookUrl,
                            revision = revision + 1, updated_at = :updatedAt
                        where id = :id and revision = :revision""")
                .params(definitionParams(definition))
                .param("id", id)
                .param("revision", revision)
                .param("updatedAt", utc(at))
                .update() == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from budgets where id = :id").param("id", id).update() == 1;
    }

    Optional<Budget> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from budgets where id = :id").param("id", id)
                .query(BudgetStore::budget).optional();
    }

    /** Every budget, oldest first. Budgets are few (one per scope that finance watches), so lists are whole. */
    List<Budget> findAll() {
        return jdbc.sql("select " + COLUMNS + " from budgets order by created_at, id")
                .query(BudgetStore::budget).list();
    }

    Optional<UUID> findIdByScope(BudgetScope scope, String scopeId) {
        return jdbc.sql("select id from budgets where scope = :scope and scope_id = :scopeId")
                .param("scope", scope.wireName())
                .param("scopeId", scopeId)
                .query(UUID.class).optional();
    }

    boolean holdsStatusKey(String statusKey) {
        return jdbc.sql("select exists (select 1 from budgets where scope || ':' || scope_id = :key)")
                .param("key", statusKey).query(Boolean.class).single();
    }

    /** Remembers that no budget publishes under {@code statusKey} any more. */
    void retireStatusKey(String statusKey, Instant at) {
        jdbc.sql("""
                        insert into budget_retired_keys (status_key, retired_at) values (:key, :at)
                        on conflict (status_key) do update set retired_at = excluded.retired_at""")
                .param("key", statusKey).param("at", utc(at)).update();
    }

    /** Keys retired since {@code since} that no budget holds again; older entries are forgotten. */
    List<String> retiredStatusKeys(Instant since) {
        jdbc.sql("delete from budget_retired_keys where retired_at < :since").param("since", utc(since)).update();
        return jdbc.sql("""
                        select r.status_key from budget_retired_keys r
                        where not exists (select 1 from budgets b where b.scope || ':' || b.scope_id = r.status_key)
                        order by r.status_key""")
                .query(String.class).list();
    }

    private static Map<String, Object> definitionParams(BudgetDefinition d) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", d.name());
        params.put("scope", d.scope().wireName());
        params.put("scopeId", d.scopeId());
        params.put("period", d.period().wireName());
        params.put("timeZone", d.timeZone().getId());
        params.put("currency", d.currency());
        params.put("amount", d.amount());
        params.put("softLimitPercent", d.softLimitPercent());
        params.put("enforceHardLimit", d.enforceHardLimit());
        params.put("alertThresholds", d.alertThresholds().toArray(Integer[]::new));
        params.put("webhookUrl", new SqlParameterValue(Types.VARCHAR,
                d.webhookUrl() == null ? null : d.webhookUrl().toString()));
        return params;
    }

    private static Budget budget(ResultSet rs, int row) throws SQLException {
        String webhook = rs.getString("webhook_url");
        BudgetDefinition definition = new BudgetDefinition(rs.getString("name"),
                BudgetScope.fromWire(rs.getString("scope")), rs.getString("scope_id"),
                BudgetPeriod.fromWire(rs.getString("period")), ZoneId.of(rs.getString("time_zone")),
                rs.getString("currency"), rs.getBigDecimal("amount"), rs.getInt("soft_limit_percent"),
                rs.getBoolean("enforce_hard_limit"), thresholds(rs.getArray("alert_thresholds")),
                webhook == null ? null : URI.create(webhook));
        return new Budget(rs.getObject("id", UUID.class), rs.getLong("revision"), definition,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static List<Integer> thresholds(Array array) throws SQLException {
        Object values = array.getArray();
        return Arrays.stream((Integer[]) values).toList();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
