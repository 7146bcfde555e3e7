package io.signalbox.contracts.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One request through the gateway, published to {@link io.signalbox.contracts.Topics#USAGE} keyed by
 * {@link #requestId()}. Consumers de-duplicate on {@link #eventId()}. Emitted for every request that
 * was authenticated, whether it succeeded, failed or was interrupted, so that telemetry sees errors
 * and finance sees every priced token.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written
 * @param traceId the W3C trace id of the request, linking this event to its spans
 * @param requestedModel what the client sent as {@code model}: an alias or a model name
 * @param routeAlias the route that decided, when the client named an alias
 * @param httpStatus the status the client saw
 * @param errorClass a stable error class ({@code upstream_5xx}, {@code timeout}, ...) or null on success
 * @param interrupted the response started but did not complete (stream cut, client gone)
 * @param ttftMillis time to first byte of the response body from the upstream, for streams
 * @param price the price in effect when the request ran, from the decision
 * @param cost the cost computed with {@code price}, or null when the request was not priced
 * @param mirrorOf for a mirrored call (shadow traffic, never seen by the client), the request id it mirrored;
 *     null for client requests
 */
public record UsageRecorded(
        int schemaVersion,
        UUID eventId,
        String requestId,
        @Nullable String decisionId,
        @Nullable String traceId,
        String tenantId,
        @Nullable String teamId,
        String keyId,
        Map<String, String> tags,
        String operation,
        String requestedModel,
        @Nullable String routeAlias,
        @Nullable String policy,
        @Nullable String modelId,
        @Nullable String modelName,
        @Nullable String providerId,
        @Nullable String poolId,
        @Nullable String endpointId,
        boolean stream,
        int httpStatus,
        @Nullable String errorClass,
        boolean interrupted,
        List<Attempt> attempts,
        TokenUsage usage,
        @Nullable Long ttftMillis,
        long latencyMillis,
        @Nullable PriceSnapshot price,
        @Nullable BigDecimal cost,
        Instant startedAt,
        Instant completedAt,
        @Nullable String mirrorOf) {

    public static final int SCHEMA_VERSION = 1;

    /** A client request's event (not a mirrored call). */
    public UsageRecorded(int schemaVersion, UUID eventId, String requestId, @Nullable String decisionId,
            @Nullable String traceId, String tenantId, @Nullable String teamId, String keyId, Map<String, String> tags,
            String operation, String requestedModel, @Nullable String routeAlias, @Nullable String policy,
            @Nullable String modelId, @Nullable String modelName, @Nullable String providerId, @Nullable String poolId,
            @Nullable String endpointId, boolean stream, int httpStatus, @Nullable String errorClass,
            boolean interrupted, List<Attempt> attempts, TokenUsage usage, @Nullable Long ttftMillis,
            long latencyMillis, @Nullable PriceSnapshot price, @Nullable BigDecimal cost, Instant startedAt,
            Instant completedAt) {
        this(schemaVersion, eventId, requestId, decisionId, traceId, tenantId, teamId, keyId, tags, operation,
                requestedModel, routeAlias, policy, modelId, modelName, providerId, poolId, endpointId, stream,
                httpStatus, errorClass, interrupted, attempts, usage, ttftMillis, latencyMillis, price, cost,
                startedAt, completedAt, null);
    }

    public UsageRecorded {
        tags = Map.copyOf(tags);
        attempts = List.copyOf(attempts);
    }

    public boolean succeeded() {
        return errorClass == null && !interrupted && httpStatus < 400;
    }
}
