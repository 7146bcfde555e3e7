package io.signalbox.telemetry.health;

import java.time.Instant;
import java.util.Map;

import io.signalbox.telemetry.stats.Percentiles;
import io.signalbox.telemetry.window.WindowStats;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyRuleTests {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    private final AnomalyRule rule = new AnomalyRule(new AnomalyThresholds(0.5, 10, 3.0, 20, 100, 1000));

    @ParameterizedTest
    @CsvSource(textBlock = """
            # calls, failed, fires
            10,      5,      true
            10,      4,      false
            9,       9,      false
            200,     100,    true
            """)
    void theErrorRateRuleNeedsEnoughCallsAndEnoughFailures(long calls, long failed, boolean fires) {
        AnomalyRule.Verdict verdict = rule.judge(stats("1m", calls, failed, null), stats("1h", calls, failed, null));

        assertThat(verdict.anomalous()).isEqualTo(fires);
        assertThat(verdict.latencyReason()).isNull();
        if (fires) {
            assertThat(verdict.reason()).startsWith("error rate").contains("over " + calls + " calls in 1m");
        }
    }

    @Test
    void aP95FarAboveTheHoursP95IsALatencyAnomaly() {
        AnomalyRule.Verdict verdict = rule.judge(stats("1m", 50, 0, latency(4_000, 50)),
                stats("1h", 2_000, 0, latency(1_200, 2_000)));

        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.reason()).isEqualTo("p95 latency 4000 ms in 1m is 3.3x the last hour's 1200 ms (limit 3.0x)");
        assertThat(verdict.latencyP95Millis()).isEqualTo(4_000);
        assertThat(verdict.baselineP95Millis()).isEqualTo(1_200);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # recent p95, recent samples, hour p95, hour samples, why it does not fire
            3500,         50,             1200,     2000,         not more than 3x
            900,          50,             200,      2000,         under the 1000 ms floor
            4000,         19,             1200,     2000,         too few recent samples
            4000,         50,             1200,     99,           too short a baseline
            """)
    void theLatencyRuleStaysQuietWithoutClearEvidence(long recentP95, long recentSamples, long hourP95,
            long hourSamples, String why) {
        AnomalyRule.Verdict verdict = rule.judge(stats("1m", recentSamples, 0, latency(recentP95, recentSamples)),
                stats("1h", hourSamples, 0, latency(hourP95, hourSamples)));

        assertThat(verdict.anomalous()).as(why).isFalse();
    }

    @Test
    void bothRulesCanFireAtOnceAndBothReasonsAreGiven() {
        AnomalyRule.Verdict verdict = rule.judge(stats("1m", 50, 40, latency(9_000, 50)),
                stats("1h", 2_000, 40, latency(1_000, 2_000)));

        assertThat(verdict.reason()).startsWith("error rate 80% over 50 calls").contains("; p95 latency 9000 ms");
    }

    private static Percentiles latency(long p95, long samples) {
        return new Percentiles(p95 / 2, p95, p95, p95, p95, samples);
    }

    private static WindowStats stats(String window, long requests, long errors, @Nullable Percentiles latency) {
        return new WindowStats(window, AT.minusSeconds(60), AT, requests, errors,
                errors == 0 ? Map.of() : Map.of("upstream_503", errors), latency, null, 0, 0, 0, 0, 0, 0, Map.of());
    }
}
