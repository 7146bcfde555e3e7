package io.signalbox.simulator.engine;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to schedule a request.
 *
 * @param promptTokens prompt tokens, at least 1
 * @param outputTokens tokens that will be generated; 0 for a prefill-only request (an embedding), which leaves
 *     the batch when its prefill ends
 * @param blockChain the {@link PrefixHasher} chain of the prompt's full blocks
 * @param adapter the LoRA adapter the request selects, {@code null} for the base model
 */
public record SequenceRequest(int promptTokens, int outputTokens, long[] blockChain, @Nullable String adapter) {

    public SequenceRequest {
        if (promptTokens < 1 || outputTokens < 0) {
            throw new IllegalArgumentException("a prompt needs at least one token and an output none or more, were "
                    + promptTokens + " and " + outputTokens);
        }
        Objects.requireNonNull(blockChain, "blockChain");
    }
}
