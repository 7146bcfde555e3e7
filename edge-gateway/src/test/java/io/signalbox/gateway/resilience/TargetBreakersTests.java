package io.signalbox.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TargetBreakersTests {

    static final DecisionTarget ENDPOINT = target("provider-a", "ep-1");

    static final DecisionTarget OTHER = target("provider-a", "ep-2");

    static final DecisionTarget FRAGILE = target("provider-fragile", "ep-3");

    final TargetBreakers breakers = new TargetBreakers(properties(), new SimpleMeterRegistry());

    @Test
    void opensAfterMostRecentCallsFailAndThenSkipsTheTarget() {
        for (int i = 0; i < 4; i++) {
            assertThat(breakers.tryAcquire(ENDPOINT)).isTrue();
            breakers.onFailure(ENDPOINT, 1_000, new IllegalStateException("503"));
        }

        assertThat(breakers.state(ENDPOINT)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.tryAcquire(ENDPOINT)).isFalse();
        assertThat(breakers.tryAcquire(OTHER)).as("each endpoint has its own circuit").isTrue();
    }

    @Test
    void staysClosedWhileFailuresStayBelowTheThreshold() {
        for (int i = 0; i < 8; i++) {
            breakers.tryAcquire(ENDPOINT);
            if (i % 4 == 0) {
                breakers.onFailure(ENDPOINT, 1_000, new IllegalStateException("503"));
            }
            else {
                breakers.onSuccess(ENDPOINT, 1_000);
            }
        }

        assertThat(breakers.state(ENDPOINT)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void probesAgainAfterTheOpenPeriodAndClosesOnSuccess() {
        breakers.tryAcquire(FRAGILE);
        breakers.onFailure(FRAGILE, 1_000, new IllegalStateException("connect"));
        assertThat(breakers.state(FRAGILE)).as("the provider's own, stricter thresholds").isEqualTo(CircuitBreaker.State.OPEN);

        await().atMost(Duration.ofSeconds(5)).until(() -> breakers.tryAcquire(FRAGILE));
        assertThat(breakers.state(FRAGILE)).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        breakers.onSuccess(FRAGILE, 1_000);

        assertThat(breakers.state(FRAGILE)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void thresholdsTheRegistrySetsForAProviderWinAndAChangeTakesEffect() {
        DecisionTarget strict = withBreaker(target("provider-a", "ep-strict"), new BreakerSettings(50, 1, 1, null, null));
        breakers.tryAcquire(strict);
        breakers.onFailure(strict, 1_000, new IllegalStateException("503"));
        assertThat(breakers.state(strict)).as("one failure is enough under the registry's thresholds")
                .isEqualTo(CircuitBreaker.State.OPEN);

        DecisionTarget relaxed = withBreaker(strict, new BreakerSettings(50, 10, 10, null, null));

        assertThat(breakers.tryAcquire(relaxed)).as("new thresholds start a fresh, closed circuit").isTrue();
        breakers.onFailure(relaxed, 1_000, new IllegalStateException("503"));
        assertThat(breakers.state(relaxed)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void unsetRegistryThresholdsKeepTheGatewaysPerProviderOnes() {
        GatewayProperties.Breaker merged = breakers.settingsFor(withBreaker(FRAGILE,
                new BreakerSettings(null, null, null, 90_000, null)));

        assertThat(merged).isEqualTo(new GatewayProperties.Breaker(50, 1, 1, Duration.ofSeconds(90), 1));
    }

    static DecisionTarget withBreaker(DecisionTarget target, BreakerSettings breaker) {
        return new DecisionTarget(target.modelId(), target.modelName(), target.upstreamModel(), target.providerId(),
                target.apiFormat(), target.poolId(), target.endpointId(), target.baseUrl(), target.region(),
                target.price(), new TargetResilience(null, null, null, null, null, breaker));
    }

    static GatewayProperties properties() {
        GatewayProperties.Breaker defaults = new GatewayProperties.Breaker(50, 4, 4, Duration.ofMinutes(1), 1);
        GatewayProperties.Breaker fragile = new GatewayProperties.Breaker(50, 1, 1, Duration.ofMillis(200), 1);
        return new GatewayProperties(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"),
                "internal-token-0123456789", DataSize.ofMegabytes(1), Duration.ofSeconds(60), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofMillis(100), Duration.ofMillis(100),
                new GatewayProperties.Upstream(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        DataSize.ofMegabytes(1), null),
                new GatewayProperties.Usage(java.nio.file.Path.of("target", "spool-unused"), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new GatewayProperties.Resilience(2, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5),
                        defaults, Map.of("provider-fragile", fragile), Duration.ofHours(1), 5));
    }

    static DecisionTarget target(String provider, String endpoint) {
        return new DecisionTarget("m", "model", "up", provider, "openai-compatible", "pool", endpoint,
                "http://127.0.0.1:1/v1", "local", null);
    }
}
