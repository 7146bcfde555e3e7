package io.signalbox.contracts.usage;

import org.jspecify.annotations.Nullable;

/**
 * One try against one target. {@code outcome} is {@code success}, {@code http_error},
 * {@code connect_error}, {@code timeout} or {@code interrupted}.
 */
public record Attempt(
        int number,
        String modelId,
        @Nullable String endpointId,
        String outcome,
        @Nullable Integer httpStatus,
        long durationMillis) {
}
