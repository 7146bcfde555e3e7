package io.signalbox.telemetry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.Attempt;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import org.jspecify.annotations.Nullable;

/**
 * Usage events for tests: a successful, non-streamed chat completion on a pool endpoint, through route {@code auto},
 * finishing when built, unless told otherwise.
 */
public final class UsageEventBuilder {

    private static final PriceSnapshot PRICE = new PriceSnapshot("price-1", "model-llama", "USD",
            new BigDecimal("0.20"), new BigDecimal("0.60"), new BigDecimal("0.10"), Instant.parse("2025-01-01T00:00:00Z"));

    private UUID eventId = UUID.randomUUID();
    private String requestedModel = "auto";
    private @Nullable String modelId = "model-llama";
    private @Nullable String modelName = "llama-test";
    private @Nullable String providerId = "provider-local";
    private @Nullable String poolId = "pool-1";
    private @Nullable String endpointId = "endpoint-1";
    private String operation = "chat.completions";
    private int httpStatus = 200;
    private @Nullable String errorClass;
    private boolean interrupted;
    private TokenUsage usage = new TokenUsage(100, 20, null, null, false);
    private @Nullable Long ttftMillis;
    private long latencyMillis = 250;
    private String requestId = "";
    private String tenantId = "tenant-a";
    private @Nullable String teamId = "team-a";
    private @Nullable String routeAlias = "auto";
    private @Nullable String policy = "static";
    private List<Attempt> attempts = List.of();
    private @Nullable BigDecimal cost;
    private @Nullable Instant completedAt;
    private @Nullable String mirrorOf;
    private @Nullable String traceId;

    private UsageEventBuilder() {
    }

    public static UsageEventBuilder usage() {
        return new UsageEventBuilder();
    }

    public UsageEventBuilder eventId(UUID eventId) {
        this.eventId = eventId;
        return this;
    }

    public UsageEventBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public UsageEventBuilder tenant(String tenantId, @Nullable String teamId) {
        this.tenantId = tenantId;
        this.teamId = teamId;
        return this;
    }

    public UsageEventBuilder route(@Nullable String routeAlias, @Nullable String policy) {
        this.routeAlias = routeAlias;
        this.policy = policy;
        return this;
    }

    /** Attempts in order: (model id, endpoint id, outcome, http status or null, duration ms), five values each. */
    public UsageEventBuilder attempts(Object... fives) {
        List<Attempt> list = new java.util.ArrayList<>();
        for (int i = 0; i + 4 < fives.length; i += 5) {
            list.add(new Attempt(list.size() + 1, (String) fives[i], (String) fives[i + 1], (String) fives[i + 2],
                    (Integer) fives[i + 3], ((Number) fives[i + 4]).longValue()));
        }
        this.attempts = list;
        return this;
    }

    public UsageEventBuilder cost(String cost) {
        this.cost = new BigDecimal(cost);
        return this;
    }

    /**
     * When the request finished (the event's {@code completedAt}; unless set, when the event is built); it started
     * {@code latency} earlier.
     */
    public UsageEventBuilder completedAt(Instant completedAt) {
        this.completedAt = completedAt;
        return this;
    }

    public UsageEventBuilder mirrorOf(String requestId) {
        this.mirrorOf = requestId;
        return this;
    }

    public UsageEventBuilder traceId(String traceId) {
        this.traceId = traceId;
        return this;
    }

    public UsageEventBuilder model(@Nullable String modelId, @Nullable String modelName) {
        this.modelId = modelId;
        this.modelName = modelName;
        return this;
    }

    public UsageEventBuilder requestedModel(String requestedModel) {
        this.requestedModel = requestedModel;
        return this;
    }

    public UsageEventBuilder provider(@Nullable String providerId) {
        this.providerId = providerId;
        return this;
    }

    public UsageEventBuilder endpoint(@Nullable String poolId, @Nullable String endpointId) {
        this.poolId = poolId;
        this.endpointId = endpointId;
        return this;
    }

    public UsageEventBuilder operation(String operation) {
        this.operation = operation;
        return this;
    }

    public UsageEventBuilder failed(int httpStatus, @Nullable String errorClass) {
        this.httpStatus = httpStatus;
        this.errorClass = errorClass;
        return this;
    }

    public UsageEventBuilder interrupted() {
        this.interrupted = true;
        return this;
    }

    public UsageEventBuilder tokens(@Nullable Integer prompt, @Nullable Integer completion) {
        this.usage = new TokenUsage(prompt, completion, null, null, false);
        return this;
    }

    public UsageEventBuilder tokens(@Nullable Integer prompt, @Nullable Integer completion, @Nullable Integer cached) {
        this.usage = new TokenUsage(prompt, completion, cached, null, false);
        return this;
    }

    public UsageEventBuilder latency(long latencyMillis) {
        this.latencyMillis = latencyMillis;
        return this;
    }

    public UsageEventBuilder streamed(long ttftMillis) {
        this.ttftMillis = ttftMillis;
        return this;
    }

    public UsageRecorded build() {
        Instant completed = completedAt != null ? completedAt : Instant.now();
        Instant started = completed.minusMillis(latencyMillis);
        return new UsageRecorded(UsageRecorded.SCHEMA_VERSION, eventId, requestId.isEmpty() ? "req-" + eventId : requestId,
                "dec-1", traceId, tenantId, teamId, "key-1", Map.of(), operation, requestedModel, routeAlias, policy,
                modelId, modelName, providerId, poolId, endpointId, ttftMillis != null, httpStatus, errorClass,
                interrupted, attempts, usage, ttftMillis, latencyMillis, modelId == null ? null : PRICE, cost, started,
                completed, mirrorOf);
    }
}
