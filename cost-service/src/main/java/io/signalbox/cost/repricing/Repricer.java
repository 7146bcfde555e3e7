package io.signalbox.cost.repricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.cost.budget.BudgetLedger;
import io.signalbox.cost.report.CostReport;
import io.signalbox.cost.rollup.RollupSql;
import io.signalbox.cost.rollup.RollupTable;
import io.signalbox.cost.statement.Statement;
import io.signalbox.cost.statement.Statements;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Re-prices one model's line items over a period, all in one transaction:
 * <ol>
 * <li>takes the statement lock, so no statement is issued meanwhile;</li>
 * <li>finds the issued statements whose team and month hold affected items, and refuses (or, when asked,
 * plans a correcting revision of each);</li>
 * <li>walks the items in chunks, prices each with {@link PriceSnapshot#costOf} (the one pricing code) at the
 * corrected list price with the item's own tenant adjustment, if it had one (a list price correction never
 * changes what a tenant negotiated; the adjustment columns stay as they were), and
 * per chunk updates the items and moves their rollup contributions in one statement: each item is taken out
 * of its old currency's rollups and put back into the new price's;</li>
 * <li>moves the items' cost changes between the budgets they count against, booked once all items are updated
 * ({@link BudgetLedger#apply}), so that budgets keep reconciling to their line items;</li>
 * <li>removes rollup rows that no longer count any request, records the run and issues corrections.</li>
 * </ol>
 * A dry run does all of it and rolls back.
 */
@Service
public class Repricer {

    private static final Logger log = LoggerFactory.getLogger(Repricer.class);

    private static final int CHUNK = 2000;

    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {
    };

    private static final String SELECT_CHUNK = """
            select event_id, occurred_at, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias,
                   currency, tags::text as tags, prompt_tokens, completion_tokens, cached_prompt_tokens,
                   reasoning_tokens, tokens_estimated, unpriced, cost, adjustment_percent, adjustment_rule_id
              from line_items
             where model_id = :model and occurred_at >= :from and occurred_at < :to
               and (occurred_at, event_id) > (:afterAt, :afterId)
             order by occurred_at, event_id
             limit %d
            """.formatted(CHUNK);

    private static final String UPDATE_CHUNK = """
            with c as (
                select * from jsonb_to_recordset(cast(:rows as jsonb)) as r(
                    event_id uuid, occurred_at timestamptz, tenant_id text, team_id text, key_id text, model_id text,
                    model_name text, provider_id text, route_alias text, old_currency text, tags jsonb,
                    prompt_tokens bigint, completion_tokens bigint, cached_prompt_tokens bigint, reasoning_tokens bigint,
                    estimated_requests bigint, old_unpriced bigint, old_cost numeric, new_cost numeric)
            ),
            updated as (
                update line_items li
                   set cost = c.new_cost, unpriced = false, price_id = :priceId, currency = :currency,
                       input_per_million = :input, output_per_million = :output,
                       cached_input_per_million = :cachedInput, reasoning_per_million = :reasoning,
                       repricing_run_id = :run
                  from c
                 where li.event_id = c.event_id and li.occurred_at = c.occurred_at
                returning li.event_id
            ),
            moved as (
                select c.* from c join updated u on u.event_id = c.event_id
            ),
            delta as (
                select occurred_at, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias,
                       old_currency as currency, tags, -1 as requests, -prompt_tokens as prompt_tokens,
                       -completion_tokens as completion_tokens, -cached_prompt_tokens as cached_prompt_tokens,
                       -reasoning_tokens as reasoning_tokens, -estimated_requests as estimated_requests,
                       -old_unpriced as unpriced_requests, -old_cost as cost
                  from moved
                union all
                select occurred_at, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias,
                       cast(:currency as text), tags, 1, prompt_tokens, completion_tokens, cached_prompt_tokens,
                       reasoning_tokens, estimated_requests, 0, new_cost
                  from moved
            ),
            %s
            select count(*) from updated
            """.formatted(RollupSql.upsertCtes("delta"));

    private final JdbcClient jdbc;

    private final Statements statements;

    private final TransactionTemplate transaction;

    private final BudgetLedger budgets;

    private final Clock clock;

    Repricer(JdbcClient jdbc, Statements statements, BudgetLedger budgets, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.statements = statements;
        this.budgets = budgets;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = Clock.systemUTC();
    }

    /**
     * Runs (or, for a dry run, simulates) a re-pricing.
     *
     * @throws IssuedStatementsInPeriodException when issued statements cover affected items and the request
     *     does not ask for corrections
     */
    public RepricingRun reprice(RepricingRequest request, String requestedBy) {
        RepricingRun run = transaction.execute(status -> {
            RepricingRun done = run(request, requestedBy);
            if (request.dryRun()) {
                status.setRollbackOnly();
            }
            return done;
        });
        if (run == null) {
            throw new IllegalStateException("re-pricing transaction answered nothing");
        }
        return run;
    }

    private RepricingRun run(RepricingRequest request, String requestedBy) {
        statements.lock();
        List<Statements.IssuedRef> issued = statements.issued(affectedTeamMonths(request));
        if (!issued.isEmpty() && !request.correctIssuedStatements()) {
            throw new IssuedStatementsInPeriodException(issued);
        }
        UUID runId = UUID.randomUUID();
        Instant requestedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<@Nullable String, long[]> beforeRequests = new TreeMap<>(CostReport.CURRENCY_ORDER);
        Map<@Nullable String, BigDecimal> beforeCost = new TreeMap<>(CostReport.CURRENCY_ORDER);
        BigDecimal afterCost = BigDecimal.ZERO.setScale(PriceSnapshot.COST_SCALE);
        long items = 0;
        BudgetLedger.Moves budgetMoves = budgets.moves();
        OffsetDateTime afterAt = utc(request.from()).minusNanos(1000);
        UUID afterId = new UUID(0, 0);
        while (true) {
            List<Item> chunk = jdbc.sql(SELECT_CHUNK)
                    .param("model", request.modelId())
                    .param("from", utc(request.from()))
                    .param("to", utc(request.to()))
                    .param("afterAt", afterAt)
                    .param("afterId", afterId)
                    .query((rs, rowNum) -> new Item(rs.getObject("event_id", UUID.class),
                            rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("tenant_id"),
                            rs.getString("team_id"), rs.getString("key_id"), rs.getString("model_id"),
                            rs.getString("model_name"), rs.getString("provider_id"), rs.getString("route_alias"),
                            rs.getString("currency"), rs.getString("tags"),
                            new TokenUsage(integer(rs, "prompt_tokens"), integer(rs, "completion_tokens"),
                                    integer(rs, "cached_prompt_tokens"), integer(rs, "reasoning_tokens"),
                                    rs.getBoolean("tokens_estimated")),
                            rs.getBoolean("unpriced"), rs.getBigDecimal("cost"), rs.getBigDecimal("adjustment_percent"),
                            rs.getString("adjustment_rule_id")))
                    .list();
            if (chunk.isEmpty()) {
                break;
            }
            List<Map<String, @Nullable Object>> rows = new ArrayList<>(chunk.size());
            for (Item item : chunk) {
                BigDecimal newCost = item.priceAt(request.price()).costOf(item.tokens());
                beforeRequests.computeIfAbsent(item.currency(), key -> new long[1])[0]++;
                beforeCost.merge(item.currency(), item.cost(), BigDecimal::add);
                afterCost = afterCost.add(newCost);
                Map<String, String> tags = ContractJson.mapper().readValue(item.tags(), TAGS);
                rows.add(change(item, tags, newCost));
                budgetMoves.add(new BudgetLedger.CostChange(item.tenantId(), item.teamId(), item.keyId(), tags,
                        item.occurredAt().toInstant(), item.unpriced() ? null : item.currency(), item.cost(),
                        request.price().currency(), newCost));
            }
            Long updated = jdbc.sql(UPDATE_CHUNK)
                    .param("rows", ContractJson.toJson(rows))
                    .param("priceId", request.price().priceId())
                    .param("currency", request.price().currency())
                    .param("input", request.price().inputPerMillion())
                    .param("output", request.price().outputPerMillion())
                    .param("cachedInput", request.price().cachedInputPerMillion())
                    .param("reasoning", request.price().reasoningPerMillion(), Types.NUMERIC)
                    .param("run", runId)
                    .query(Long.class)
                    .single();
            if (updated != chunk.size()) {
                throw new IllegalStateException("Re-pricing changed " + updated + " of " + chunk.size()
                        + " line items it had read; the run is rolled back");
            }
            items += chunk.size();
            Item last = chunk.get(chunk.size() - 1);
            afterAt = last.occurredAt();
            afterId = last.eventId();
        }
        budgets.apply(budgetMoves);
        removeEmptyRollupRows(request);
        List<RepricingRun.Total> before = new ArrayList<>();
        beforeRequests.forEach((currency, count) -> before.add(new RepricingRun.Total(currency, count[0],
                beforeCost.get(currency).setScale(PriceSnapshot.COST_SCALE))));
        List<RepricingRun.Total> after = items == 0 ? List.of()
                : List.of(new RepricingRun.Total(request.price().currency(), items, afterCost));
        List<Statements.IssuedRef> corrected = new ArrayList<>();
        RepricingRun run = new RepricingRun(runId, requestedBy, requestedAt, request.modelId(), request.from(),
                request.to(), request.reason(), request.price(), items, before, after, List.of(), request.dryRun());
        record(run);
        for (Statements.IssuedRef statement : issued) {
            Statement.Issue correction = Objects.requireNonNull(statements.correct(statement.teamId(), statement.month(),
                    requestedBy, "Re-priced by run " + runId + ": " + request.reason(), runId).issue());
            corrected.add(new Statements.IssuedRef(statement.teamId(), statement.month(), correction.revision(),
                    correction.id()));
        }
        log.info("Re-pricing run {} by {}: {} line items of model {} in [{}, {}) from {} to {}{}", runId, requestedBy,
                items, request.modelId(), request.from(), request.to(), before, after, request.dryRun() ? " (dry run)" : "");
        return new RepricingRun(runId, requestedBy, requestedAt, request.modelId(), request.from(), request.to(),
                request.reason(), request.price(), items, before, after, corrected, request.dryRun());
    }

    /** The (team, UTC month) pairs that hold items of the model in the period. */
    private List<Statements.TeamMonth> affectedTeamMonths(RepricingRequest request) {
        return jdbc.sql("""
                select distinct team_id, date_trunc('month', occurred_at, 'UTC')::date as month
                  from line_items
                 where model_id = :model and occurred_at >= :from and occurred_at < :to and team_id is not null
                 order by 1, 2""")
                .param("model", request.modelId())
                .param("from", utc(request.from()))
                .param("to", utc(request.to()))
                .query((rs, rowNum) -> new Statements.TeamMonth(rs.getString("team_id"),
                        YearMonth.from(rs.getObject("month", LocalDate.class))))
                .list();
    }

    private void removeEmptyRollupRows(RepricingRequest request) {
        for (RollupTable table : RollupTable.values()) {
            jdbc.sql("delete from " + table.table() + " where requests = 0 and bucket_start >= date_trunc('"
                    + table.grain() + "', cast(:from as timestamptz), 'UTC') and bucket_start < :to")
                    .param("from", utc(request.from()))
                    .param("to", utc(request.to()))
                    .update();
        }
    }

    private void record(RepricingRun run) {
        PriceSnapshot price = run.price();
        jdbc.sql("""
                insert into cost_repricing_runs (id, requested_by, requested_at, model_id, period_from, period_to, reason,
                    price_id, currency, input_per_million, output_per_million, cached_input_per_million,
                    reasoning_per_million, line_items)
                values (:id, :by, :at, :model, :from, :to, :reason, :priceId, :currency, :input, :output, :cachedInput,
                    :reasoning, :items)""")
                .param("id", run.id())
                .param("by", run.requestedBy())
                .param("at", utc(run.requestedAt()))
                .param("model", run.modelId())
                .param("from", utc(run.from()))
                .param("to", utc(run.to()))
                .param("reason", run.reason())
                .param("priceId", price.priceId())
                .param("currency", price.currency())
                .param("input", price.inputPerMillion())
                .param("output", price.outputPerMillion())
                .param("cachedInput", price.cachedInputPerMillion())
                .param("reasoning", price.reasoningPerMillion(), Types.NUMERIC)
                .param("items", run.lineItems())
                .update();
        recordTotals(run.id(), "before", run.before());
        recordTotals(run.id(), "after", run.after());
    }

    private void recordTotals(UUID runId, String side, List<RepricingRun.Total> totals) {
        for (RepricingRun.Total total : totals) {
            jdbc.sql("insert into cost_repricing_run_totals (run_id, side, currency, requests, cost) "
                    + "values (:run, :side, :currency, :requests, :cost)")
                    .param("run", runId)
                    .param("side", side)
                    .param("currency", total.currency(), Types.VARCHAR)
                    .param("requests", total.requests())
                    .param("cost", total.cost())
                    .update();
        }
    }

    private static Map<String, @Nullable Object> change(Item item, Map<String, String> tags, BigDecimal newCost) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>(32);
        row.put("event_id", item.eventId().toString());
        row.put("occurred_at", item.occurredAt().toInstant().toString());
        row.put("tenant_id", item.tenantId());
        row.put("team_id", item.teamId());
        row.put("key_id", item.keyId());
        row.put("model_id", item.modelId());
        row.put("model_name", item.modelName());
        row.put("provider_id", item.providerId());
        row.put("route_alias", item.routeAlias());
        row.put("old_currency", item.currency());
        row.put("tags", tags);
        row.put("prompt_tokens", item.tokens().promptTokensOrZero());
        row.put("completion_tokens", item.tokens().completionTokensOrZero());
        row.put("cached_prompt_tokens", item.tokens().cachedPromptTokensOrZero());
        row.put("reasoning_tokens", item.tokens().reasoningTokens() == null ? 0 : item.tokens().reasoningTokens());
        row.put("estimated_requests", item.tokens().estimated() ? 1 : 0);
        row.put("old_unpriced", item.unpriced() ? 1 : 0);
        row.put("old_cost", item.cost());
        row.put("new_cost", newCost);
        return row;
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A line item as re-pricing needs it. */
    private record Item(UUID eventId, OffsetDateTime occurredAt, String tenantId, @Nullable String teamId, String keyId,
            @Nullable String modelId, @Nullable String modelName, @Nullable String providerId,
            @Nullable String routeAlias, @Nullable String currency, String tags, TokenUsage tokens, boolean unpriced,
            BigDecimal cost, @Nullable BigDecimal adjustmentPercent, @Nullable String adjustmentRuleId) {

        /** The corrected list price as this item's tenant pays it: with the item's adjustment, if it had one. */
        PriceSnapshot priceAt(PriceSnapshot corrected) {
            PriceSnapshot list = corrected.listPrice();
            return adjustmentPercent == null || adjustmentRuleId == null ? list
                    : list.adjusted(adjustmentPercent, adjustmentRuleId);
        }
    }
}
