package io.signalbox.simulator.timing;

import java.time.Duration;

/**
 * The delays a simulated endpoint applies. The server asks the model per request, so an implementation may
 * later depend on load and prompt size without the HTTP layer changing.
 */
public interface LatencyModel {

    /** Delay from receiving the request until the first token is sent (prefill). */
    Duration timeToFirstToken(int promptTokens);

    /** Delay between two consecutive output tokens (decode step). */
    Duration timePerOutputToken();

    /**
     * When a non-streaming answer of {@code completionTokens} tokens is sent: TTFT plus one decode step per
     * token.
     */
    default Duration timeToComplete(int promptTokens, int completionTokens) {
        return timeToFirstToken(promptTokens).plus(timePerOutputToken().multipliedBy(completionTokens));
    }
}
