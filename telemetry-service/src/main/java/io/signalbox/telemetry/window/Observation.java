package io.signalbox.telemetry.window;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One request or call as the windows count it.
 *
 * @param atMillis when it finished (epoch milliseconds), which places it in a slot
 * @param errorClass null when it succeeded, else its error class
 * @param latencyMillis how long it took; negative when it should not be sampled (a stream the client cancelled)
 * @param ttftMillis time to first token, only for a streamed answer measured on its own
 * @param promptTokens reported prompt tokens; null: not reported (and so not counted as 0)
 * @param cachedPromptTokens reported cached prompt tokens; null: not reported
 * @param currency the price's currency, when {@code cost} is set
 * @param cost the exact cost of the answer, null when unpriced
 */
public record Observation(
        long atMillis,
        @Nullable String errorClass,
        long latencyMillis,
        @Nullable Long ttftMillis,
        @Nullable Integer promptTokens,
        @Nullable Integer completionTokens,
        @Nullable Integer cachedPromptTokens,
        @Nullable String currency,
        @Nullable BigDecimal cost) {

    public boolean failed() {
        return errorClass != null;
    }
}
