package io.signalbox.gateway.routing;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.gateway.routing-breaker.*}: the circuit breaker in front of routing-service. Unreachable,
 * failing (5xx) or late (past {@code routing-timeout}) decisions count as failures; routing's answers about the
 * request (unknown model, budget, shed, ...) count as successes. While it is open the gateway does not call
 * routing-service at all and serves the last-known-good decision at once, instead of waiting out the timeout on
 * every request of a hanging routing-service.
 *
 * @param failureRateThreshold the share of failed calls, in percent, that opens the circuit
 * @param slidingWindowSize how many recent calls the rate is taken over
 * @param minimumCalls calls needed in the window before the rate counts
 * @param openFor how long the circuit stays open before letting trial calls through
 * @param halfOpenCalls trial calls that decide whether it closes again
 */
@Validated
@ConfigurationProperties("signalbox.gateway.routing-breaker")
public record RoutingBreakerProperties(
        @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
        @DefaultValue("20") @Min(1) int slidingWindowSize,
        @DefaultValue("20") @Min(1) int minimumCalls,
        @DefaultValue("5s") Duration openFor,
        @DefaultValue("3") @Min(1) int halfOpenCalls) {
}
