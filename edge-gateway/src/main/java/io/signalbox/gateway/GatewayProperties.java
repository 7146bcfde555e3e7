package io.signalbox.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.signalbox.gateway.resilience.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.gateway.*}.
 *
 * @param routingUrl routing-service's root URL
 * @param registryUrl model-registry-service's root URL (virtual-key lookups)
 * @param internalToken bearer token for service-to-service calls
 * @param maxRequestSize largest request body accepted on {@code /v1/*}; larger is answered 413
 * @param keyCacheTtl how long a key lookup is trusted; bounds how late a revocation takes effect
 * @param routingTimeout longest wait for a routing decision before answering 503
 * @param registryTimeout longest wait for a key lookup before answering 503
 * @param limitsTimeout longest wait for the rate-limit store before letting the request through
 * @param limitsSettleInterval how often the differences between reserved and real token counts are booked in the
 *     rate-limit store, summed per window (one script call per tenant and interval, not one call per request)
 * @param limitsLeaseHorizon how much of its recent traffic on a limit a replica counts ahead in the rate-limit store
 *     and then admits without asking it (see {@code LimitLeases}); zero checks every request in the store
 */
@Validated
@ConfigurationProperties("signalbox.gateway")
public record GatewayProperties(
        @NotNull URI routingUrl,
        @NotNull URI registryUrl,
        @NotBlank @Size(min = 16) String internalToken,
        @DefaultValue("8MB") DataSize maxRequestSize,
        @DefaultValue("60s") Duration keyCacheTtl,
        @DefaultValue("2s") Duration routingTimeout,
        @DefaultValue("3s") Duration registryTimeout,
        @DefaultValue("250ms") Duration limitsTimeout,
        @DefaultValue("100ms") Duration limitsSettleInterval,
        @DefaultValue("100ms") Duration limitsLeaseHorizon,
        @DefaultValue @Valid Upstream upstream,
        @DefaultValue @Valid Usage usage,
        @DefaultValue @Valid Resilience resilience) {

    /**
     * @param connectTimeout TCP connect timeout to an upstream
     * @param firstByteTimeout time allowed until the upstream's response headers arrive
     * @param streamIdleTimeout longest silence allowed between two reads of an answer's body once its headers
     *     arrived: between two chunks of a stream, or part-way through a whole answer
     * @param maxResponseSize largest non-streaming upstream body accepted
     * @param totalTimeout longest one call to an upstream may take, body or stream included; unset: no limit
     *     but the others. Providers in the registry may set their own, as they may every timeout here.
     */
    public record Upstream(
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("120s") Duration firstByteTimeout,
            @DefaultValue("60s") Duration streamIdleTimeout,
            @DefaultValue("32MB") DataSize maxResponseSize,
            @Nullable Duration totalTimeout) {
    }

    /**
     * @param spoolDirectory where usage events wait when Kafka cannot take them
     * @param replayInterval how often spooled events are offered to Kafka again
     * @param shutdownFlushTimeout how long a clean shutdown waits for Kafka to acknowledge the events it still
     *     holds before writing them to the spool; keep it well inside the platform's termination grace period
     */
    public record Usage(
            @DefaultValue("${java.io.tmpdir}/signalbox-gateway-usage-spool") Path spoolDirectory,
            @DefaultValue("5s") Duration replayInterval,
            @DefaultValue("5s") Duration shutdownFlushTimeout) {
    }

    /**
     * @param attemptsPerTarget calls per target before the next target (1 = no retry), unless the target's
     *     provider sets its own in the registry
     * @param initialBackoff backoff ceiling before the first retry (full jitter below it)
     * @param maxBackoff backoff ceiling never exceeded
     * @param retryAfterCap the longest upstream {@code Retry-After} honoured; longer means "next target"
     * @param circuitBreaker default breaker thresholds for every target
     * @param providers breaker thresholds per provider id, overriding the defaults; thresholds set on the
     *     provider in the registry override both
     * @param lastKnownGoodTtl how old a remembered decision may be to serve in degraded mode
     * @param maxTargets how many of a decision's targets one request may try; the rest are ignored
     */
    public record Resilience(
            @DefaultValue("2") @Min(1) int attemptsPerTarget,
            @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff,
            @DefaultValue("5s") Duration retryAfterCap,
            @DefaultValue @Valid Breaker circuitBreaker,
            @Nullable Map<String, Breaker> providers,
            @DefaultValue("1h") Duration lastKnownGoodTtl,
            @DefaultValue("5") @Min(1) int maxTargets) {

        public Resilience {
            providers = providers == null ? Map.of() : Map.copyOf(providers);
        }

        public RetryPolicy retryPolicy() {
            return new RetryPolicy(attemptsPerTarget, initialBackoff, maxBackoff, retryAfterCap);
        }
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param slidingWindowSize how many recent calls are judged
     * @param minimumCalls calls needed before the rate is judged at all
     * @param openFor how long an open circuit skips the target before probing it
     * @param halfOpenCalls probe calls allowed while half-open
     */
    public record Breaker(
            @DefaultValue("50") @Min(1) @Max(100) float failureRateThreshold,
            @DefaultValue("20") @Min(1) int slidingWindowSize,
            @DefaultValue("10") @Min(1) int minimumCalls,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("3") @Min(1) int halfOpenCalls) {
    }

    @Override
    public String toString() {
        return "GatewayProperties[routingUrl=" + routingUrl + ", registryUrl=" + registryUrl + ", maxRequestSize="
                + maxRequestSize + ", keyCacheTtl=" + keyCacheTtl + ", routingTimeout=" + routingTimeout + ", registryTimeout="
                + registryTimeout + ", limitsTimeout=" + limitsTimeout + ", limitsSettleInterval=" + limitsSettleInterval
                + ", limitsLeaseHorizon=" + limitsLeaseHorizon + ", upstream=" + upstream + ", usage=" + usage
                + ", resilience=" + resilience + "]";
    }
}
