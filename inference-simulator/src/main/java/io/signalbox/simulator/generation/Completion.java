package io.signalbox.simulator.generation;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A generated answer as the sequence of tokens a streaming response sends one by one: text, or a tool call
 * whose arguments stream in token-sized fragments. Both pass through the same engine schedule and pacing, one
 * output token per token here.
 *
 * @param tokens the token texts in order; concatenated they are the answer's text, or the tool call's arguments
 * @param finishReason why generation ended; {@link FinishReason#TOOL_CALLS} exactly when there is a tool call
 * @param toolCall the tool call the model answers with instead of text; {@code null} for a text answer
 */
public record Completion(List<String> tokens, FinishReason finishReason, @Nullable ToolCall toolCall) {

    public Completion {
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(finishReason, "finishReason");
        if ((toolCall != null) != (finishReason == FinishReason.TOOL_CALLS)) {
            throw new IllegalArgumentException("a tool call, and only a tool call, finishes with TOOL_CALLS");
        }
    }

    /** A text answer. */
    public Completion(List<String> tokens, FinishReason finishReason) {
        this(tokens, finishReason, null);
    }

    /**
     * An answer that calls a tool; its output tokens are the arguments in the pieces {@link TokenCounter} counts,
     * so a stream sends one fragment per output token and {@code completion_tokens} is the arguments' count.
     */
    public static Completion calling(ToolCall call) {
        return new Completion(TokenCounter.textPieces(call.arguments()), FinishReason.TOOL_CALLS, call);
    }

    public String text() {
        return String.join("", tokens);
    }

    /** {@code usage.completion_tokens}: one per generated token. */
    public int completionTokens() {
        return tokens.size();
    }
}
