package io.signalbox.routing.policy;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.routing.complexity.Prompt;
import org.jspecify.annotations.Nullable;

/** Facts scripted by a test: models, prices, latencies, queues and the prompt. */
record PolicyFacts(Map<String, ModelInfo> models, Map<String, PriceSnapshot> prices, Map<String, Double> ttft,
        Map<String, Double> queues, Prompt prompt, int promptTokens, int expectedOutputTokens)
        implements CandidateFacts {

    @Override
    public Optional<ModelInfo> model(String modelId) {
        return Optional.ofNullable(models.get(modelId));
    }

    @Override
    public @Nullable PriceSnapshot price(String modelId) {
        return prices.get(modelId);
    }

    @Override
    public OptionalDouble recentTimeToFirstTokenMillis(String modelId) {
        Double value = ttft.get(modelId);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public OptionalDouble shortestQueue(String modelId) {
        Double value = queues.get(modelId);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
