package io.signalbox.simulator.engine;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to schedule a request.
 *
 * @param promptTokens prompt tokens, at least 1
 * @param outputTokens tokens that will be generated, at least 1
 * @param blockChain the {@link PrefixHasher} chain of the prompt's full blocks
 * @param adapter the LoRA adapter the request selects, {@code null} for the base model
 */
public record SequenceRequest(int promptTokens, int outputTokens, long[] blockChain, @Nullable String adapter) {

    public SequenceRequest {
        if (promptTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("prompt and output need at least one token each, were "
                    + promptTokens + " and " + outputTokens);
        }
        Objects.requireNonNull(blockChain, "blockChain");
    }
}
