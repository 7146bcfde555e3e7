package io.signalbox.simulator.generation;

import java.util.List;
import java.util.Objects;

/**
 * A generated answer as the sequence of tokens a streaming response sends one by one.
 *
 * @param tokens the token texts in order; concatenated they are the answer
 * @param finishReason why generation ended
 */
public record Completion(List<String> tokens, FinishReason finishReason) {

    public Completion {
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(finishReason, "finishReason");
    }

    public String text() {
        return String.join("", tokens);
    }

    /** {@code usage.completion_tokens}: one per generated token. */
    public int completionTokens() {
        return tokens.size();
    }
}
