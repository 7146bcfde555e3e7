package io.signalbox.gateway.resilience;

import java.time.Duration;

import io.signalbox.contracts.decision.TargetResilience;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallSettingsTests {

    static final RetryPolicy RETRY = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    static final CallSettings DEFAULTS = new CallSettings(Duration.ofSeconds(2), Duration.ofSeconds(120),
            Duration.ofSeconds(60), null, RETRY);

    @Test
    void whatTheRegistrySetsReplacesTheDefaultAndTheRestStays() {
        CallSettings settings = DEFAULTS.with(new TargetResilience(500, null, 10_000, 30_000, 4, null));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.firstByteTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.totalTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.retry().attemptsPerTarget()).isEqualTo(4);
        assertThat(settings.retry().initialBackoff()).as("backoff stays the gateway's").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aTargetWithoutSettingsUsesTheDefaults() {
        assertThat(DEFAULTS.with(null)).isSameAs(DEFAULTS);
        assertThat(DEFAULTS.with(new TargetResilience(null, null, null, null, null, null))).isEqualTo(DEFAULTS);
    }
}
