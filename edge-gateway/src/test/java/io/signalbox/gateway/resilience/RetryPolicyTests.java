package io.signalbox.gateway.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofSeconds(5));

    @Test
    void backoffGrowsExponentiallyUpToTheCeilingWithFullJitter() {
        // the highest draw shows the ceiling: 100 ms before the first retry, 200 ms before the second
        assertThat(POLICY.delayBeforeRetry(1, null, CLOCK, () -> 0.999999)).contains(Duration.ofMillis(100));
        assertThat(POLICY.delayBeforeRetry(2, null, CLOCK, () -> 0.999999)).contains(Duration.ofMillis(200));
        assertThat(POLICY.delayBeforeRetry(1, null, CLOCK, () -> 0.0)).contains(Duration.ZERO);
        RetryPolicy longer = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(longer.delayBeforeRetry(5, null, CLOCK, () -> 0.999999)).as("capped by maxBackoff")
                .contains(Duration.ofMillis(250));
    }

    @Test
    void jitterSpreadsRetriesOverTheWholeWindow() {
        Random random = new Random(7);
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            if (POLICY.delayBeforeRetry(2, null, CLOCK, random::nextDouble).orElseThrow().toMillis() < 100) {
                below++;
            }
        }
        assertThat(below).as("about half of [0, 200] ms lies below 100 ms").isBetween(430L, 570L);
    }

    @Test
    void stopsRetryingATargetAfterItsAttempts() {
        assertThat(POLICY.delayBeforeRetry(3, null, CLOCK, () -> 0.5)).isEmpty();
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO)
                .delayBeforeRetry(1, null, CLOCK, () -> 0.5)).as("one attempt means no retry").isEmpty();
    }

    @ParameterizedTest(name = "Retry-After: {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "2,                             PT2S",
            "0,                             PT0S",
            "'Sat, 21 Nov 2026 10:00:03 GMT', PT3S",
            "'Sat, 21 Nov 2026 09:59:00 GMT', PT0S",
            "60,                            none",
    })
    void honoursRetryAfterUpToTheCap(String retryAfter, String expected) {
        Optional<Duration> delay = POLICY.delayBeforeRetry(1, retryAfter, CLOCK, () -> 0.5);

        if (expected == null) {
            assertThat(delay).as("longer than the cap: try another target instead").isEmpty();
        }
        else {
            assertThat(delay).contains(Duration.parse(expected));
        }
    }

    @Test
    void anUnreadableRetryAfterFallsBackToBackoff() {
        assertThat(POLICY.delayBeforeRetry(1, "soon-ish", CLOCK, () -> 0.999999)).contains(Duration.ofMillis(100));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("attemptsPerTarget");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("initial <= max");
    }
}
