package io.signalbox.routing.policy;

import java.util.Optional;
import java.util.OptionalDouble;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.routing.complexity.Prompt;
import org.jspecify.annotations.Nullable;

/**
 * What a policy may ask about the request and its candidates, answered from the catalog the decision
 * works on and the live endpoint signals. Everything is in memory: a policy does no I/O.
 */
public interface CandidateFacts {

    /** For policies that need no facts. */
    CandidateFacts NONE = new CandidateFacts() {
    };

    /** The candidate model, or empty when the catalog does not know it. */
    default Optional<ModelInfo> model(String modelId) {
        return Optional.empty();
    }

    /** The model's price in effect now, or null when it has none. */
    default @Nullable PriceSnapshot price(String modelId) {
        return null;
    }

    /** The request's prompt as the gateway sent it; empty when it sent none. */
    default Prompt prompt() {
        return new Prompt(java.util.List.of());
    }

    /** The gateway's estimate of the prompt's tokens. */
    default int promptTokens() {
        return 0;
    }

    /** The output tokens to plan for: the request's {@code max_tokens}, else a typical answer length. */
    default int expectedOutputTokens() {
        return 256;
    }

    /**
     * The model's recent time to first token in milliseconds: the best of its endpoints with fresh scraped
     * metrics, else the best of telemetry's recent medians (the only source for provider-hosted models); empty
     * when nothing measured it recently.
     */
    default OptionalDouble recentTimeToFirstTokenMillis(String modelId) {
        return OptionalDouble.empty();
    }

    /** The smallest queue (waiting requests) over the model's endpoints with fresh metrics; empty when unknown. */
    default OptionalDouble shortestQueue(String modelId) {
        return OptionalDouble.empty();
    }
}
