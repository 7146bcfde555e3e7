package io.signalbox.cost;

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

/** Usage events for tests: a successful, priced chat completion unless told otherwise. */
public final class UsageEventBuilder {

    public static final PriceSnapshot GPT_PRICE = price("price-gpt", "model-gpt", "USD", "2.50", "10.00", "1.25");

    private UUID eventId = UUID.randomUUID();
    private String requestId = "req-" + UUID.randomUUID();
    private String tenantId = "tenant-a";
    private @Nullable String teamId = "team-a";
    private Map<String, String> tags = Map.of("project", "checkout");
    private String keyId = "key-1";
    private @Nullable String providerId = "provider-openai";
    private @Nullable String routeAlias = "auto";
    private @Nullable String modelId = "model-gpt";
    private @Nullable String modelName = "gpt-test";
    private int httpStatus = 200;
    private @Nullable String errorClass;
    private TokenUsage usage = new TokenUsage(1000, 200, 0, null, false);
    private @Nullable PriceSnapshot price = GPT_PRICE;
    private @Nullable BigDecimal reportedCost;
    private boolean reportCost = true;
    private Instant startedAt = Instant.parse("2026-01-01T12:00:00Z");

    private UsageEventBuilder() {
    }

    public static UsageEventBuilder usage() {
        return new UsageEventBuilder();
    }

    public static PriceSnapshot price(String priceId, String modelId, String currency, String input, String output,
            String cachedInput) {
        return new PriceSnapshot(priceId, modelId, currency, new BigDecimal(input), new BigDecimal(output),
                new BigDecimal(cachedInput), Instant.parse("2025-01-01T00:00:00Z"));
    }

    public UsageEventBuilder eventId(UUID eventId) {
        this.eventId = eventId;
        return this;
    }

    public UsageEventBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public UsageEventBuilder tenant(String tenantId) {
        this.tenantId = tenantId;
        return this;
    }

    public UsageEventBuilder team(@Nullable String teamId) {
        this.teamId = teamId;
        return this;
    }

    /** The tags of the request's key; by default {@code project=checkout}. */
    public UsageEventBuilder tags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
        return this;
    }

    public UsageEventBuilder key(String keyId) {
        this.keyId = keyId;
        return this;
    }

    public UsageEventBuilder provider(@Nullable String providerId) {
        this.providerId = providerId;
        return this;
    }

    /** The route alias that decided (and that the client asked for); null for a request by model name. */
    public UsageEventBuilder route(@Nullable String routeAlias) {
        this.routeAlias = routeAlias;
        return this;
    }

    public UsageEventBuilder model(@Nullable String modelId, @Nullable String modelName) {
        this.modelId = modelId;
        this.modelName = modelName;
        return this;
    }

    public UsageEventBuilder failed(int httpStatus, String errorClass) {
        this.httpStatus = httpStatus;
        this.errorClass = errorClass;
        return this;
    }

    public UsageEventBuilder tokens(@Nullable Integer prompt, @Nullable Integer completion, @Nullable Integer cached) {
        this.usage = new TokenUsage(prompt, completion, cached, null, false);
        return this;
    }

    /** Every token count, reasoning included, and whether the gateway estimated them. */
    public UsageEventBuilder tokens(@Nullable Integer prompt, @Nullable Integer completion, @Nullable Integer cached,
            @Nullable Integer reasoning, boolean estimated) {
        this.usage = new TokenUsage(prompt, completion, cached, reasoning, estimated);
        return this;
    }

    public UsageEventBuilder price(@Nullable PriceSnapshot price) {
        this.price = price;
        return this;
    }

    /** The cost the producer claims; by default the correct one. */
    public UsageEventBuilder reportedCost(@Nullable BigDecimal cost) {
        this.reportedCost = cost;
        this.reportCost = false;
        return this;
    }

    public UsageEventBuilder at(Instant startedAt) {
        this.startedAt = startedAt;
        return this;
    }

    public UsageEventBuilder at(String startedAt) {
        return at(Instant.parse(startedAt));
    }

    public UsageRecorded build() {
        BigDecimal cost = reportCost ? (price == null ? null : price.costOf(usage)) : reportedCost;
        return new UsageRecorded(UsageRecorded.SCHEMA_VERSION, eventId, requestId, "dec-" + requestId,
                "4bf92f3577b34da6a3ce929d0e0e4736", tenantId, teamId, keyId, tags,
                "chat.completions", routeAlias == null ? "gpt-test" : routeAlias, routeAlias, "static", modelId,
                modelName, providerId, null,
                null, false, httpStatus, errorClass, false,
                List.of(new Attempt(1, modelId == null ? "none" : modelId, null,
                        errorClass == null ? "success" : "http_error", httpStatus, 120)),
                usage, null, 130, price, cost, startedAt, startedAt.plusMillis(130));
    }
}
