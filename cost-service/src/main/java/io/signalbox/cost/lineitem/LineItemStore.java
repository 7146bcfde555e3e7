package io.signalbox.cost.lineitem;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes line items. Plain SQL rather than JPA because the one write is an idempotent
 * {@code INSERT ... ON CONFLICT DO NOTHING}, which an entity manager cannot express.
 */
@Repository
public class LineItemStore {

    private static final String INSERT = """
            insert into line_items (
                event_id, request_id, decision_id, trace_id, occurred_at, completed_at,
                tenant_id, team_id, key_id, tags, operation, requested_model, route_alias, policy,
                model_id, model_name, provider_id, pool_id, endpoint_id,
                http_status, succeeded, error_class, interrupted,
                prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens, tokens_estimated,
                unpriced, price_id, currency, input_per_million, output_per_million, cached_input_per_million,
                cost, reported_cost)
            values (
                :eventId, :requestId, :decisionId, :traceId, :occurredAt, :completedAt,
                :tenantId, :teamId, :keyId, cast(:tags as jsonb), :operation, :requestedModel, :routeAlias, :policy,
                :modelId, :modelName, :providerId, :poolId, :endpointId,
                :httpStatus, :succeeded, :errorClass, :interrupted,
                :promptTokens, :completionTokens, :cachedPromptTokens, :reasoningTokens, :tokensEstimated,
                :unpriced, :priceId, :currency, :inputPerMillion, :outputPerMillion, :cachedInputPerMillion,
                :cost, :reportedCost)
            on conflict (event_id) do nothing
            """;

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
        UsageRecorded usage = item.usage();
        TokenUsage tokens = usage.usage();
        PriceSnapshot price = usage.price();
        int inserted = jdbc.sql(INSERT)
                .param("eventId", usage.eventId())
                .param("requestId", usage.requestId())
                .param("decisionId", usage.decisionId(), Types.VARCHAR)
                .param("traceId", usage.traceId(), Types.VARCHAR)
                .param("occurredAt", utc(usage.startedAt()))
                .param("completedAt", utc(usage.completedAt()))
                .param("tenantId", usage.tenantId())
                .param("teamId", usage.teamId(), Types.VARCHAR)
                .param("keyId", usage.keyId())
                .param("tags", ContractJson.toJson(usage.tags()))
                .param("operation", usage.operation())
                .param("requestedModel", usage.requestedModel())
                .param("routeAlias", usage.routeAlias(), Types.VARCHAR)
                .param("policy", usage.policy(), Types.VARCHAR)
                .param("modelId", usage.modelId(), Types.VARCHAR)
                .param("modelName", usage.modelName(), Types.VARCHAR)
                .param("providerId", usage.providerId(), Types.VARCHAR)
                .param("poolId", usage.poolId(), Types.VARCHAR)
                .param("endpointId", usage.endpointId(), Types.VARCHAR)
                .param("httpStatus", usage.httpStatus())
                .param("succeeded", usage.succeeded())
                .param("errorClass", usage.errorClass(), Types.VARCHAR)
                .param("interrupted", usage.interrupted())
                .param("promptTokens", tokens.promptTokens(), Types.INTEGER)
                .param("completionTokens", tokens.completionTokens(), Types.INTEGER)
                .param("cachedPromptTokens", tokens.cachedPromptTokens(), Types.INTEGER)
                .param("reasoningTokens", tokens.reasoningTokens(), Types.INTEGER)
                .param("tokensEstimated", tokens.estimated())
                .param("unpriced", item.unpriced())
                .param("priceId", price == null ? null : price.priceId(), Types.VARCHAR)
                .param("currency", price == null ? null : price.currency(), Types.VARCHAR)
                .param("inputPerMillion", price == null ? null : price.inputPerMillion(), Types.NUMERIC)
                .param("outputPerMillion", price == null ? null : price.outputPerMillion(), Types.NUMERIC)
                .param("cachedInputPerMillion", price == null ? null : price.cachedInputPerMillion(), Types.NUMERIC)
                .param("cost", item.cost())
                .param("reportedCost", usage.cost(), Types.NUMERIC)
                .update();
        return inserted == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
