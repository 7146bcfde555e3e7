package io.signalbox.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * Circuit-breaker thresholds for a provider's targets; every field null means "the gateway's default".
 *
 * @param failureRatePercent share of failed calls in the window (1..100) that opens the circuit
 * @param slidingWindowSize how many recent calls are judged
 * @param minimumCalls calls needed before the failure rate is judged at all
 * @param openForMillis how long an open circuit skips the target before probing it
 * @param halfOpenCalls probe calls allowed while half-open
 */
public record BreakerSettings(
        @Nullable Integer failureRatePercent,
        @Nullable Integer slidingWindowSize,
        @Nullable Integer minimumCalls,
        @Nullable Integer openForMillis,
        @Nullable Integer halfOpenCalls) {
}
