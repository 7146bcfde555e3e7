package io.signalbox.telemetry.health;

/**
 * The thresholds of an {@link AnomalyRule}.
 *
 * @param errorRate the failed share of calls from which the error-rate rule fires (0..1)
 * @param minRequests the fewest calls in the window for the error-rate rule to judge
 * @param latencyFactor how many times the last hour's p95 the window's p95 must exceed
 * @param latencyMinSamples the fewest latencies in the window for the latency rule to judge
 * @param baselineMinSamples the fewest latencies in the last hour for it to count as a baseline
 * @param latencyMinMillis the window's p95 must also be at least this
 */
public record AnomalyThresholds(double errorRate, long minRequests, double latencyFactor, long latencyMinSamples,
        long baselineMinSamples, long latencyMinMillis) {
}
