package io.signalbox.gateway.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.gateway.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per target (endpoint, or provider URL when the target has no endpoint). A target
 * whose recent calls mostly failed (connect errors, timeouts, 429 and 5xx) is skipped while its circuit
 * is open, then probed with a few calls (half-open) before it gets traffic again. Thresholds have gateway
 * defaults, may be overridden per provider in the gateway's configuration, and are overridden by the thresholds
 * the registry sets on the target's provider. States are exported as
 * {@code resilience4j_circuitbreaker_state{name, state}}.
 */
@Component
public class TargetBreakers {

    private final CircuitBreakerRegistry registry;

    private final GatewayProperties.Breaker defaults;

    private final Map<String, GatewayProperties.Breaker> perProvider;

    /** The thresholds each breaker was made with, to notice when the registry changes them. */
    private final Map<String, GatewayProperties.Breaker> madeWith = new ConcurrentHashMap<>();

    TargetBreakers(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Resilience resilience = properties.resilience();
        this.defaults = resilience.circuitBreaker();
        this.registry = CircuitBreakerRegistry.of(config(defaults));
        this.perProvider = resilience.providers();
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

    /**
     * The target's breaker, made with the thresholds in effect for it: the registry's for its provider over the
     * gateway's per-provider settings over the defaults. When the registry's thresholds change, the breaker is
     * replaced by a fresh one (closed) with the new thresholds.
     */
    private CircuitBreaker breaker(DecisionTarget target) {
        String name = target.endpointId() != null ? target.endpointId() : target.providerId() + "@" + target.baseUrl();
        GatewayProperties.Breaker settings = settingsFor(target);
        GatewayProperties.Breaker previous = madeWith.putIfAbsent(name, settings);
        if (previous == null || previous.equals(settings)) {
            return registry.circuitBreaker(name, () -> config(settings));
        }
        synchronized (this) {
            if (!settings.equals(madeWith.get(name))) {
                CircuitBreaker fresh = CircuitBreaker.of(name, config(settings));
                if (registry.replace(name, fresh).isEmpty()) {
                    registry.circuitBreaker(name, () -> config(settings));
                }
                madeWith.put(name, settings);
            }
        }
        return registry.circuitBreaker(name, () -> config(settings));
    }

    GatewayProperties.Breaker settingsFor(DecisionTarget target) {
        GatewayProperties.Breaker base = perProvider.getOrDefault(target.providerId(), defaults);
        TargetResilience resilience = target.resilience();
        BreakerSettings set = resilience == null ? null : resilience.circuitBreaker();
        if (set == null) {
            return base;
        }
        return new GatewayProperties.Breaker(
                set.failureRatePercent() != null ? set.failureRatePercent() : base.failureRateThreshold(),
                set.slidingWindowSize() != null ? set.slidingWindowSize() : base.slidingWindowSize(),
                set.minimumCalls() != null ? set.minimumCalls() : base.minimumCalls(),
                set.openForMillis() != null ? Duration.ofMillis(set.openForMillis()) : base.openFor(),
                set.halfOpenCalls() != null ? set.halfOpenCalls() : base.halfOpenCalls());
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
