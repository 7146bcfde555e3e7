package io.signalbox.simulator.timing;

import java.time.Duration;
import java.util.Objects;

/**
 * Constant TTFT and TPOT: an idle server with short prompts, which is what routing and gateway tests need.
 *
 * @param timeToFirstToken delay before the first token, zero or more
 * @param timePerOutputToken delay between tokens, zero or more
 */
public record FixedLatency(Duration timeToFirstToken, Duration timePerOutputToken) implements LatencyModel {

    public FixedLatency {
        requireNotNegative(timeToFirstToken, "timeToFirstToken");
        requireNotNegative(timePerOutputToken, "timePerOutputToken");
    }

    @Override
    public Duration timeToFirstToken(int promptTokens) {
        return timeToFirstToken;
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
