package io.signalbox.gateway.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.gateway.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * The latest decision routing-service gave per tenant and requested model, kept so that the gateway can
 * keep serving (degraded mode) while routing-service is unreachable. Kept per tenant because a decision
 * may reflect a tenant's allow-lists and residency; bounded in size and age so that a long outage does
 * not route on a catalog that has long changed.
 */
@Component
public class LastKnownGoodDecisions {

    private final Cache<Key, Remembered> decisions;

    private final Clock clock;

    private final Counter served;

    LastKnownGoodDecisions(GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.decisions = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.resilience().lastKnownGoodTtl())
                .build();
        this.clock = clock;
        this.served = Counter.builder("signalbox.gateway.degraded.decisions")
                .description("Requests routed from a last-known-good decision because routing-service was unreachable")
                .register(meters);
    }

    public void remember(String tenantId, String model, DecisionResponse decision) {
        decisions.put(new Key(tenantId, model), new Remembered(decision, clock.instant()));
    }

    /** The remembered decision, counted as served in degraded mode. */
    public Optional<Remembered> recall(String tenantId, String model) {
        Optional<Remembered> remembered = Optional.ofNullable(decisions.getIfPresent(new Key(tenantId, model)));
        remembered.ifPresent(hit -> served.increment());
        return remembered;
    }

    private record Key(String tenantId, String model) {
    }

    /** A decision and when routing-service gave it. */
    public record Remembered(DecisionResponse decision, Instant decidedAt) {

        public Duration age(Clock clock) {
            return Duration.between(decidedAt, clock.instant());
        }
    }
}
