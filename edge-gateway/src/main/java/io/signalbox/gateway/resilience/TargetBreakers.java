package io.signalbox.gateway.resilience;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per target (endpoint, or provider URL when the target has no endpoint). A target
 * whose recent calls mostly failed (connect errors, timeouts, 429 and 5xx) is skipped while its circuit
 * is open, then probed with a few calls (half-open) before it gets traffic again. Thresholds have gateway
 * defaults and may be overridden per provider. States are exported as
 * {@code resilience4j_circuitbreaker_state{name, state}}.
 */
@Component
public class TargetBreakers {

    private final CircuitBreakerRegistry registry;

    private final Map<String, GatewayProperties.Breaker> perProvider;

    TargetBreakers(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Resilience resilience = properties.resilience();
        this.registry = CircuitBreakerRegistry.of(config(resilience.circuitBreaker()));
        this.perProvider = resilience.providers();
        perProvider.forEach((provider, settings) -> registry.addConfiguration(provider, config(settings)));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** Asks to call the target; false while its circuit is open (or half-open with its probes in flight). */
    public boolean tryAcquire(DecisionTarget target) {
        return breaker(target).tryAcquirePermission();
    }

    /** The target answered in a way that says nothing bad about it (2xx, or a 4xx the client caused). */
    public void onSuccess(DecisionTarget target, long durationNanos) {
        breaker(target).onSuccess(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** The target failed: no connection, a timeout, a broken stream, 429 or 5xx. */
    public void onFailure(DecisionTarget target, long durationNanos, Throwable cause) {
        breaker(target).onError(durationNanos, TimeUnit.NANOSECONDS, cause);
    }

    /** A permission was taken but no outcome will follow (the client went away first). */
    public void release(DecisionTarget target) {
        breaker(target).releasePermission();
    }

    public CircuitBreaker.State state(DecisionTarget target) {
        return breaker(target).getState();
    }

    private CircuitBreaker breaker(DecisionTarget target) {
        String name = target.endpointId() != null ? target.endpointId() : target.providerId() + "@" + target.baseUrl();
        return perProvider.containsKey(target.providerId())
                ? registry.circuitBreaker(name, target.providerId())
                : registry.circuitBreaker(name);
    }

    private static CircuitBreakerConfig config(GatewayProperties.Breaker settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordExceptions(Throwable.class)
                .build();
    }
}
