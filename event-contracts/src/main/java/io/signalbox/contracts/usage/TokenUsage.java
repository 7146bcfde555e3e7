package io.signalbox.contracts.usage;

import org.jspecify.annotations.Nullable;

/**
 * Token counts of one request. A {@code null} count means the upstream did not report it, which is
 * not the same as zero. {@code estimated} is true when the gateway had to estimate a count (for
 * example a stream cut before the upstream's final usage chunk).
 */
public record TokenUsage(
        @Nullable Integer promptTokens,
        @Nullable Integer completionTokens,
        @Nullable Integer cachedPromptTokens,
        @Nullable Integer reasoningTokens,
        boolean estimated) {

    public static TokenUsage notReported() {
        return new TokenUsage(null, null, null, null, false);
    }

    public long promptTokensOrZero() {
        return promptTokens == null ? 0 : promptTokens;
    }

    public long completionTokensOrZero() {
        return completionTokens == null ? 0 : completionTokens;
    }

    public long cachedPromptTokensOrZero() {
        return cachedPromptTokens == null ? 0 : cachedPromptTokens;
    }

    public long totalTokensOrZero() {
        return promptTokensOrZero() + completionTokensOrZero();
    }
}
