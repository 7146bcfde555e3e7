package io.signalbox.telemetry.health;

import java.util.Locale;

import io.signalbox.telemetry.stats.Percentiles;
import io.signalbox.telemetry.window.WindowStats;
import org.jspecify.annotations.Nullable;

/**
 * When a target's recent statistics look wrong, used both for routing's unhealthy hint and for alerts (each with
 * its own thresholds and window):
 * <ul>
 * <li><b>error rate</b>: at least {@code minRequests} calls in the recent window, and at least {@code errorRate} of
 * them failed;</li>
 * <li><b>latency</b>: at least {@code latencyMinSamples} latencies in the recent window and
 * {@code baselineMinSamples} in the last hour, and the recent p95 is at least {@code latencyMinMillis} and more than
 * {@code latencyFactor} times the hour's p95. The floor keeps a fast target from being flagged for going from
 * 20 ms to 80 ms. The hour includes the recent window, so a target that stays slow for long becomes its own
 * baseline and the rule clears: it detects a change, not a level.</li>
 * </ul>
 * Too little traffic never fires either rule: no evidence is not bad evidence.
 */
public final class AnomalyRule {

    private final AnomalyThresholds thresholds;

    public AnomalyRule(AnomalyThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Verdict judge(WindowStats recent, WindowStats baseline) {
        String errorReason = null;
        if (recent.requests() >= thresholds.minRequests() && recent.errorRate() >= thresholds.errorRate()) {
            errorReason = String.format(Locale.ROOT, "error rate %.0f%% over %d calls in %s (limit %.0f%%)",
                    recent.errorRate() * 100, recent.requests(), recent.window(), thresholds.errorRate() * 100);
        }
        String latencyReason = null;
        Percentiles now = recent.latencyMs();
        Percentiles usual = baseline.latencyMs();
        if (now != null && usual != null && now.samples() >= thresholds.latencyMinSamples()
                && usual.samples() >= thresholds.baselineMinSamples() && now.p95() >= thresholds.latencyMinMillis()
                && now.p95() > thresholds.latencyFactor() * usual.p95()) {
            latencyReason = String.format(Locale.ROOT, "p95 latency %d ms in %s is %.1fx the last hour's %d ms "
                    + "(limit %.1fx)", now.p95(), recent.window(), (double) now.p95() / Math.max(1, usual.p95()),
                    usual.p95(), thresholds.latencyFactor());
        }
        return new Verdict(errorReason, latencyReason, recent.errorRate(), now == null ? null : now.p95(),
                usual == null ? null : usual.p95());
    }

    /**
     * @param errorReason why the error-rate rule fired; null when it did not
     * @param latencyReason why the latency rule fired; null when it did not
     */
    public record Verdict(@Nullable String errorReason, @Nullable String latencyReason, double errorRate,
            @Nullable Long latencyP95Millis, @Nullable Long baselineP95Millis) {

        public boolean anomalous() {
            return errorReason != null || latencyReason != null;
        }

        /** Both reasons, or null when neither rule fired. */
        public @Nullable String reason() {
            if (errorReason != null && latencyReason != null) {
                return errorReason + "; " + latencyReason;
            }
            return errorReason != null ? errorReason : latencyReason;
        }
    }
}
