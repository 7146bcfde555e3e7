package io.signalbox.cost.lineitem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.rollup.RollupSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes line items and their rollups. One statement per batch: the items travel as one JSON array
 * ({@code jsonb_to_recordset}), are inserted with {@code ON CONFLICT (event_id, occurred_at) DO NOTHING}, and
 * only the rows that were really inserted ({@code RETURNING}) are added to the hourly and daily rollups. A
 * redelivered event therefore changes neither its line item nor any rollup. Plain SQL rather than JPA
 * because none of this can be expressed through an entity manager. The price's rates are stored as the list
 * rates they are, beside the tenant's adjustment (percent and rule id) that the cost includes.
 *
 * <p>The month partitions the items fall into must exist ({@link LineItemPartitions#ensureFor}).
 */
@Repository
public class LineItemStore {

    private static final String INSERT = """
            with input as (
                select * from jsonb_to_recordset(cast(:rows as jsonb)) as r(
                    event_id uuid, request_id text, decision_id text, trace_id text,
                    occurred_at timestamptz, completed_at timestamptz,
                    tenant_id text, team_id text, key_id text, tags jsonb, operation text, requested_model text,
                    route_alias text, policy text, model_id text, model_name text, provider_id text, pool_id text,
                    endpoint_id text, http_status integer, succeeded boolean, error_class text, interrupted boolean,
                    prompt_tokens integer, completion_tokens integer, cached_prompt_tokens integer,
                    reasoning_tokens integer, tokens_estimated boolean, unpriced boolean, price_id text, currency text,
                    input_per_million numeric, output_per_million numeric, cached_input_per_million numeric,
                    reasoning_per_million numeric, adjustment_percent numeric, adjustment_rule_id text, cost numeric,
                    reported_cost numeric)
            ),
            inserted as (
                insert into line_items (
                    event_id, request_id, decision_id, trace_id, occurred_at, completed_at,
                    tenant_id, team_id, key_id, tags, operation, requested_model, route_alias, policy,
                    model_id, model_name, provider_id, pool_id, endpoint_id,
                    http_status, succeeded, error_class, interrupted,
                    prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, tokens_estimated,
                    unpriced, price_id, currency, input_per_million, output_per_million, cached_input_per_million,
                    reasoning_per_million, adjustment_percent, adjustment_rule_id, cost, reported_cost)
                select
                    event_id, request_id, decision_id, trace_id, occurred_at, completed_at,
                    tenant_id, team_id, key_id, tags, operation, requested_model, route_alias, policy,
                    model_id, model_name, provider_id, pool_id, endpoint_id,
                    http_status, succeeded, error_class, interrupted,
                    prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, tokens_estimated,
                    unpriced, price_id, currency, input_per_million, output_per_million, cached_input_per_million,
                    reasoning_per_million, adjustment_percent, adjustment_rule_id, cost, reported_cost
                  from input
                on conflict (event_id, occurred_at) do nothing
                returning event_id, occurred_at, tenant_id, team_id, key_id, model_id, model_name, provider_id,
                          route_alias, currency, tags, prompt_tokens, completion_tokens, cached_prompt_tokens,
                          reasoning_tokens, tokens_estimated, unpriced, cost
            ),
            delta as (
                select occurred_at, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias,
                       currency, tags, 1 as requests,
                       coalesce(prompt_tokens, 0) as prompt_tokens,
                       coalesce(completion_tokens, 0) as completion_tokens,
                       coalesce(cached_prompt_tokens, 0) as cached_prompt_tokens,
                       coalesce(reasoning_tokens, 0) as reasoning_tokens,
                       case when tokens_estimated then 1 else 0 end as estimated_requests,
                       case when unpriced then 1 else 0 end as unpriced_requests,
                       cost
                  from inserted
            ),
            %s
            select event_id from inserted
            """.formatted(RollupSql.upsertCtes("delta"));

    private final JdbcClient jdbc;

    LineItemStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the item unless its event is already stored.
     *
     * @return true when the item was new, false when the event had been stored before
     */
    public boolean add(LineItem item) {
        return !addAll(List.of(item)).isEmpty();
    }

    /**
     * Stores every item whose event is not stored yet, with its rollups, in one statement. An event that
     * appears twice in {@code items} is stored once.
     *
     * @return the items that were new, in the order given; the others had been stored before
     */
    public List<LineItem> addAll(List<LineItem> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Map<String, @Nullable Object>> rows = new ArrayList<>(items.size());
        Set<UUID> seen = new HashSet<>();
        for (LineItem item : items) {
            if (seen.add(item.usage().eventId())) {
                rows.add(row(item));
            }
        }
        Set<UUID> inserted = new HashSet<>(jdbc.sql(INSERT)
                .param("rows", ContractJson.toJson(rows))
                .query(UUID.class)
                .list());
        List<LineItem> added = new ArrayList<>(inserted.size());
        for (LineItem item : items) {
            if (inserted.remove(item.usage().eventId())) {
                added.add(item);
            }
        }
        return added;
    }

    private static Map<String, @Nullable Object> row(LineItem item) {
        UsageRecorded usage = item.usage();
        TokenUsage tokens = usage.usage();
        PriceSnapshot price = usage.price();
        Map<String, @Nullable Object> row = new LinkedHashMap<>(64);
        row.put("event_id", usage.eventId().toString());
        row.put("request_id", usage.requestId());
        row.put("decision_id", usage.decisionId());
        row.put("trace_id", usage.traceId());
        row.put("occurred_at", instant(usage.startedAt()));
        row.put("completed_at", instant(usage.completedAt()));
        row.put("tenant_id", usage.tenantId());
        row.put("team_id", usage.teamId());
        row.put("key_id", usage.keyId());
        row.put("tags", usage.tags());
        row.put("operation", usage.operation());
        row.put("requested_model", usage.requestedModel());
        row.put("route_alias", usage.routeAlias());
        row.put("policy", usage.policy());
        row.put("model_id", usage.modelId());
        row.put("model_name", usage.modelName());
        row.put("provider_id", usage.providerId());
        row.put("pool_id", usage.poolId());
        row.put("endpoint_id", usage.endpointId());
        row.put("http_status", usage.httpStatus());
        row.put("succeeded", usage.succeeded());
        row.put("error_class", usage.errorClass());
        row.put("interrupted", usage.interrupted());
        row.put("prompt_tokens", tokens.promptTokens());
        row.put("completion_tokens", tokens.completionTokens());
        row.put("cached_prompt_tokens", tokens.cachedPromptTokens());
        row.put("reasoning_tokens", tokens.reasoningTokens());
        row.put("tokens_estimated", tokens.estimated());
        row.put("unpriced", item.unpriced());
        row.put("price_id", price == null ? null : price.priceId());
        row.put("currency", price == null ? null : price.currency());
        row.put("input_per_million", price == null ? null : price.inputPerMillion());
        row.put("output_per_million", price == null ? null : price.outputPerMillion());
        row.put("cached_input_per_million", price == null ? null : price.cachedInputPerMillion());
        row.put("reasoning_per_million", price == null ? null : price.reasoningPerMillion());
        row.put("adjustment_percent", price == null ? null : price.adjustmentPercent());
        row.put("adjustment_rule_id", price == null ? null : price.adjustmentRuleId());
        row.put("cost", item.cost());
        row.put("reported_cost", usage.cost());
        return row;
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }
}
