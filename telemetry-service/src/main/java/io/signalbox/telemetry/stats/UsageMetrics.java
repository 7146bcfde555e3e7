package io.signalbox.telemetry.stats;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Exports each usage event to Micrometer (and so to {@code /actuator/prometheus}). Where the
 * OpenTelemetry GenAI semantic conventions define a metric, its name, unit and attribute names are used
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.operation.time_to_first_chunk},
 * {@code gen_ai.client.token.usage}); Signalbox's own attributes are namespaced {@code signalbox.*}.
 * Plain request, error and token counters under {@code signalbox.*} make the common dashboards one
 * {@code rate()} away. Every meter name always carries the same tag keys (Prometheus requires it);
 * {@code error.type} is empty on success, which Prometheus treats as absent.
 *
 * <p>Tag values come from the registry (model, endpoint, provider ids) or from small fixed sets, never
 * from free client input: a requested model that did not resolve is recorded as {@value #OTHER}.
 */
@Component
public class UsageMetrics {

    static final String OTHER = "_OTHER";

    static final String NONE = "none";

    /** Bucket boundaries the GenAI conventions advise for token counts. */
    private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
        4194304, 16777216, 67108864 };

    private final MeterRegistry registry;

    public UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

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

        Tags genAi = Tags.of(
                "gen_ai.operation.name", operationName(event.operation()),
                "gen_ai.provider.name", provider,
                "gen_ai.request.model", event.modelId() == null ? OTHER : event.requestedModel(),
                "gen_ai.response.model", model,
                "signalbox.endpoint", endpoint);
        Tags withError = genAi.and("error.type", event.succeeded() ? "" : Outcomes.errorClass(event),
                "signalbox.status_class", statusClass);
        Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .tags(withError).register(registry)
                .record(Duration.ofMillis(event.latencyMillis()));
        Long ttft = event.ttftMillis();
        if (ttft != null) {
            Timer.builder("gen_ai.client.operation.time_to_first_chunk")
                    .description("Time to receive the first chunk of a streamed response")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(2))
                    .tags(withError).register(registry)
                    .record(Duration.ofMillis(ttft));
        }
        recordTokenUsage(genAi, "input", usage.promptTokens());
        recordTokenUsage(genAi, "output", usage.completionTokens());
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
            case "chat.completions", "chat" -> "chat";
            case "completions", "text_completion" -> "text_completion";
            case "embeddings" -> "embeddings";
            default -> OTHER;
        };
    }

    private static String orNone(@Nullable String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
