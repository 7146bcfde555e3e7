package io.signalbox.simulator.faults;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The faults an endpoint injects into its inference requests ({@code /v1/**}; never {@code /health},
 * {@code /metrics} or {@code /sim/**}). Per request, in this order: inside an outage window it answers 503;
 * otherwise with probability {@code rateLimitRate} it answers 429 with {@code Retry-After}; otherwise with
 * probability {@code errorRate} it answers {@code errorStatus}; otherwise it answers normally, {@code addedLatency}
 * later, with the first token {@code slowFirstToken} later still, and a stream cut (connection closed, no
 * {@code [DONE]}) after {@code streamCutAfterChunks} events when that is positive.
 *
 * @param errorRate probability of a server error, 0..1
 * @param errorStatus 500, 502 or 503
 * @param rateLimitRate probability of a 429, 0..1
 * @param retryAfter the {@code Retry-After} of a 429, whole seconds
 * @param addedLatency added before anything is answered
 * @param outages windows, measured from when these faults were set, in which every request gets 503
 * @param streamCutAfterChunks close a stream after this many events; 0 never
 * @param slowFirstToken added to the time to first token
 * @param seed seed of the random draws
 */
public record FaultSpec(
        double errorRate,
        int errorStatus,
        double rateLimitRate,
        Duration retryAfter,
        Duration addedLatency,
        List<Window> outages,
        int streamCutAfterChunks,
        Duration slowFirstToken,
        long seed) {

    private static final Set<Integer> ERROR_STATUSES = Set.of(500, 502, 503);

    public FaultSpec {
        probability(errorRate, "errorRate");
        probability(rateLimitRate, "rateLimitRate");
        if (!ERROR_STATUSES.contains(errorStatus)) {
            throw new IllegalArgumentException("errorStatus must be 500, 502 or 503, was " + errorStatus);
        }
        notNegative(retryAfter, "retryAfter");
        notNegative(addedLatency, "addedLatency");
        notNegative(slowFirstToken, "slowFirstToken");
        outages = List.copyOf(outages);
        if (streamCutAfterChunks < 0) {
            throw new IllegalArgumentException("streamCutAfterChunks must not be negative, was "
                    + streamCutAfterChunks);
        }
    }

    /** No faults. */
    public static FaultSpec none() {
        return new FaultSpec(0, 500, 0, Duration.ofSeconds(1), Duration.ZERO, List.of(), 0, Duration.ZERO, 0);
    }

    public boolean isNone() {
        return errorRate == 0 && rateLimitRate == 0 && addedLatency.isZero() && outages.isEmpty()
                && streamCutAfterChunks == 0 && slowFirstToken.isZero();
    }

    public FaultSpec withErrors(double rate, int status) {
        return new FaultSpec(rate, status, rateLimitRate, retryAfter, addedLatency, outages, streamCutAfterChunks,
                slowFirstToken, seed);
    }

    public FaultSpec withRateLimit(double rate, Duration retry) {
        return new FaultSpec(errorRate, errorStatus, rate, retry, addedLatency, outages, streamCutAfterChunks,
                slowFirstToken, seed);
    }

    public FaultSpec withAddedLatency(Duration latency) {
        return new FaultSpec(errorRate, errorStatus, rateLimitRate, retryAfter, latency, outages,
                streamCutAfterChunks, slowFirstToken, seed);
    }

    public FaultSpec withOutages(List<Window> windows) {
        return new FaultSpec(errorRate, errorStatus, rateLimitRate, retryAfter, addedLatency, windows,
                streamCutAfterChunks, slowFirstToken, seed);
    }

    public FaultSpec withStreamCutAfterChunks(int chunks) {
        return new FaultSpec(errorRate, errorStatus, rateLimitRate, retryAfter, addedLatency, outages, chunks,
                slowFirstToken, seed);
    }

    public FaultSpec withSlowFirstToken(Duration delay) {
        return new FaultSpec(errorRate, errorStatus, rateLimitRate, retryAfter, addedLatency, outages,
                streamCutAfterChunks, delay, seed);
    }

    public FaultSpec withSeed(long value) {
        return new FaultSpec(errorRate, errorStatus, rateLimitRate, retryAfter, addedLatency, outages,
                streamCutAfterChunks, slowFirstToken, value);
    }

    private static void probability(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be within 0..1, was " + value);
        }
    }

    private static void notNegative(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
    }

    /**
     * An outage: from {@code start} for {@code duration}, measured from when the faults were set.
     *
     * @param start offset of the outage's beginning
     * @param duration how long it lasts
     */
    public record Window(Duration start, Duration duration) {

        public Window {
            notNegative(start, "start");
            notNegative(duration, "duration");
        }

        boolean contains(long sinceSetNanos) {
            return sinceSetNanos >= start.toNanos() && sinceSetNanos < start.toNanos() + duration.toNanos();
        }
    }
}
