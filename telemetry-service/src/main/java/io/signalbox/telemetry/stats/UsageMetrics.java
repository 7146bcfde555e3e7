package io.signalbox.telemetry.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.catalog.ModelDirectory;
import io.signalbox.telemetry.ingest.UsageSink;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Exports each usage event to Micrometer (and so to {@code /actuator/prometheus}). Where the OpenTelemetry GenAI
 * semantic conventions define a metric, its name, unit, attribute names and advised bucket boundaries are used
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.operation.time_to_first_chunk},
 * {@code gen_ai.client.token.usage}): the gateway is a GenAI <em>client</em> of its upstreams and measures as one,
 * so the client metrics apply rather than the model-server ones ({@code gen_ai.server.time_to_first_token} is what an
 * inference server measures of itself; the simulated pools export vLLM's equivalent). Signalbox's own attributes are
 * namespaced {@code signalbox.*}. Plain counters under {@code signalbox.*} make the common dashboards one
 * {@code rate()} away: requests, errors and tokens per model, endpoint and provider; tokens and cost per tenant and
 * team; routing decisions per route, policy, tier and model. Every meter name always carries the same tag keys
 * (Prometheus requires it); {@code error.type} is empty on success, which Prometheus treats as absent.
 *
 * <p>Tag values come from the registry (model, endpoint, provider, route, tenant and team ids) or from small fixed
 * sets, never from free client input: a requested model that did not resolve is recorded as {@value #OTHER}, and
 * tenants and teams beyond {@value #MAX_TENANTS_OR_TEAMS} distinct values are {@code _OTHER}. Cost is counted in
 * micro-units of its currency ({@code signalbox_team_cost_micros_total}): a counter is a double, which holds whole
 * micro-units exactly up to 2^53 (9 billion units), so the sum stays exact; divide by 1e6 to show it. Mirrored
 * (shadow) calls are real calls and real spend: they count like any other, tagged {@code traffic="shadow"} on the team
 * counters; they are not decisions (the decision was the client request's).
 */
@Component
public class UsageMetrics implements UsageSink {

    static final String OTHER = "_OTHER";

    static final String NONE = "none";

    static final int MAX_TENANTS_OR_TEAMS = 1000;

    /** Bucket boundaries the GenAI conventions advise for token counts. */
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
        4194304, 16777216, 67108864 };

    /** Bucket boundaries the GenAI conventions advise for durations (seconds): 10 ms doubling up to 81.92 s. */
    private static final Duration[] DURATION_BUCKETS = durationBuckets();

    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final MeterRegistry registry;

    private final ModelDirectory directory;

    private final BoundedLabels tenants = new BoundedLabels(MAX_TENANTS_OR_TEAMS);

    private final BoundedLabels teams = new BoundedLabels(MAX_TENANTS_OR_TEAMS);

    public UsageMetrics(MeterRegistry registry, ModelDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    @Override
    public void record(UsageRecorded event) {
        String model = orNone(event.modelName() != null ? event.modelName() : event.modelId());
        String endpoint = orNone(event.endpointId());
        String provider = orNone(event.providerId());
        String statusClass = Outcomes.statusClass(event.httpStatus());
        Tags signalbox = Tags.of("model", model, "endpoint", endpoint, "provider", provider, "status_class", statusClass);

        Counter.builder("signalbox.requests").description("Requests through the gateway")
                .tags(signalbox).register(registry).increment();
        if (!event.succeeded()) {
            Counter.builder("signalbox.request.errors").description("Requests that failed or were interrupted")
                    .tags(signalbox).tag("error_class", Outcomes.errorClass(event)).register(registry).increment();
        }
        TokenUsage usage = event.usage();
        Tags tokenTags = Tags.of("model", model, "endpoint", endpoint, "provider", provider);
        countTokens(tokenTags, "prompt", usage.promptTokens());
        countTokens(tokenTags, "completion", usage.completionTokens());
        countTokens(tokenTags, "cached_prompt", usage.cachedPromptTokens());
        recordTeam(event, usage);
        recordDecision(event, model);

        Tags genAi = Tags.of(
                "gen_ai.operation.name", operationName(event.operation()),
                "gen_ai.provider.name", provider,
                "gen_ai.request.model", event.modelId() == null ? OTHER : event.requestedModel(),
                "gen_ai.response.model", model,
                "signalbox.endpoint", endpoint);
        Tags withError = genAi.and("error.type", event.succeeded() ? "" : Outcomes.errorClass(event),
                "signalbox.status_class", statusClass);
        Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                .serviceLevelObjectives(DURATION_BUCKETS)
                .tags(withError).register(registry)
                .record(Duration.ofMillis(event.latencyMillis()));
        Long ttft = event.ttftMillis();
        if (ttft != null) {
            Timer.builder("gen_ai.client.operation.time_to_first_chunk")
                    .description("Time to receive the first chunk of a streamed response")
                    .serviceLevelObjectives(DURATION_BUCKETS)
                    .tags(withError).register(registry)
                    .record(Duration.ofMillis(ttft));
        }
        recordTokenUsage(genAi, "input", usage.promptTokens());
        recordTokenUsage(genAi, "output", usage.completionTokens());
    }

    private void recordTeam(UsageRecorded event, TokenUsage usage) {
        Tags team = Tags.of("tenant", tenants.of(event.tenantId()),
                "team", event.teamId() == null ? NONE : teams.of(event.teamId()),
                "traffic", event.mirrorOf() == null ? "client" : "shadow");
        if (usage.promptTokens() != null) {
            teamTokens(team, "prompt").increment(usage.promptTokens());
        }
        if (usage.completionTokens() != null) {
            teamTokens(team, "completion").increment(usage.completionTokens());
        }
        BigDecimal cost = event.cost();
        if (cost != null && event.price() != null && cost.signum() > 0) {
            Counter.builder("signalbox.team.cost.micros")
                    .description("Cost of the requests, in millionths of the currency (exact up to 2^53)")
                    .tags(team).tag("currency", event.price().currency()).register(registry)
                    .increment(cost.multiply(MICROS).setScale(0, RoundingMode.HALF_EVEN).doubleValue());
        }
    }

    private Counter teamTokens(Tags team, String type) {
        return Counter.builder("signalbox.team.tokens").description("Tokens reported by upstreams, per tenant and team")
                .tags(team).tag("type", type).register(registry);
    }

    /** A client request routed to a model: which route and policy decided, in which quality tier. */
    private void recordDecision(UsageRecorded event, String model) {
        if (event.mirrorOf() != null || event.modelId() == null || event.policy() == null) {
            return;
        }
        String tier = directory.tierOf(event.routeAlias(), event.modelId());
        Counter.builder("signalbox.routing.decisions")
                .description("Routed requests by the route and policy that decided and the quality tier served")
                .tags("route", event.routeAlias() == null ? "(direct)" : event.routeAlias(), "policy", event.policy(),
                        "tier", tier == null ? NONE : tier, "model", model)
                .register(registry).increment();
    }

    private void countTokens(Tags tags, String type, @Nullable Integer count) {
        if (count != null) {
            Counter.builder("signalbox.tokens").description("Tokens reported by upstreams")
                    .tags(tags).tag("type", type).register(registry).increment(count);
        }
    }

    private void recordTokenUsage(Tags tags, String type, @Nullable Integer count) {
        if (count != null) {
            DistributionSummary.builder("gen_ai.client.token.usage").description("Number of input and output tokens used")
                    .serviceLevelObjectives(TOKEN_BUCKETS)
                    .tags(tags).tag("gen_ai.token.type", type).register(registry)
                    .record(count);
        }
    }

    /** The GenAI {@code gen_ai.operation.name} for the gateway's operation names. */
    static String operationName(String operation) {
        return switch (operation.toLowerCase(Locale.ROOT)) {
            case "chat.completions", "messages", "chat" -> "chat";
            case "completions", "text_completion" -> "text_completion";
            case "embeddings" -> "embeddings";
            default -> OTHER;
        };
    }

    private static String orNone(@Nullable String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    private static Duration[] durationBuckets() {
        Duration[] buckets = new Duration[14];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Duration.ofMillis(10L << i);
        }
        return buckets;
    }
}
