package io.signalbox.gateway.proxy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.usage.Attempt;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.gateway.limits.LimitCheck;
import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.resilience.CallSettings;
import io.signalbox.gateway.translate.BackendTranslator;
import io.signalbox.gateway.translate.ClientTranslator;
import org.jspecify.annotations.Nullable;

/**
 * Everything learnt about one request while it is served, from which its single usage event is built.
 * Written by one request's reactive chain, whose signals are serialised, so plain fields suffice; the
 * {@link #finish} guard makes sure completion, error and cancellation together still emit one event.
 */
final class ProxyExchange {

    final String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");

    final String operation;

    private final Clock clock;

    final Instant startedAt;

    private final long startNanos = System.nanoTime();

    private final AtomicBoolean finished = new AtomicBoolean();

    private final List<Attempt> attempts = new ArrayList<>();

    @Nullable Observation observation;

    @Nullable String traceId;

    /** Whether the request's trace is sampled, i.e. whether its span attributes will be exported. */
    boolean sampled;

    /** The longest prompt or answer text its span may carry; 0 when content is not captured (the default). */
    int captureContentChars;

    /** The answer as {@code gen_ai.output.messages} JSON, kept only when content is captured and sampled. */
    @Nullable String capturedOutput;

    @Nullable KeyIdentity identity;

    @Nullable OpenAiRequest request;

    @Nullable DecisionResponse decision;

    @Nullable DecisionTarget served;

    @Nullable Long ttftMillis;

    TokenUsage usage = TokenUsage.notReported();

    int httpStatus = 200;

    @Nullable String errorClass;

    boolean interrupted;

    /** Set when the decision came from the last-known-good cache; says why, for the response header. */
    @Nullable String degraded;

    /** The rate-limit check that let the request in (or refused it); null when none ran. */
    @Nullable LimitCheck limits;

    /** Tokens reserved against per-minute token limits: estimated prompt plus max_tokens. */
    long reservedTokens;

    /** Translates OpenAI's shapes to the client's API; null when the client speaks OpenAI's. */
    @Nullable ClientTranslator client;

    /** Translates the served target's API to OpenAI's; null when the target speaks OpenAI's. */
    @Nullable BackendTranslator translator;

    /** The timeouts and retries of the latest call (the served target's, once one answers). */
    CallSettings callSettings;

    /** For a mirrored call, the id of the client request it mirrors; null for client requests. */
    @Nullable String mirrorOf;

    /** The target whose call is under way and holds a circuit-breaker permission. */
    @Nullable DecisionTarget inFlight;

    /** Time spent waiting for upstreams (every attempt), and sleeping between retries. */
    long upstreamNanos;

    long waitNanos;

    ProxyExchange(String operation, Clock clock, CallSettings defaults) {
        this.operation = operation;
        this.callSettings = defaults;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Whether the prompt and the answer go on this request's span: an operator's choice, and only if sampled. */
    boolean capturesContent() {
        return sampled && captureContentChars > 0 && observation != null;
    }

    /** The request's server observation when its trace is sampled; null when nothing would export its tags. */
    @Nullable Observation sampledObservation() {
        return sampled ? observation : null;
    }

    long elapsedMillis() {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** Marks the request interrupted, keeping the first reason. */
    void markInterrupted(String reason) {
        if (!interrupted) {
            interrupted = true;
            errorClass = reason;
        }
    }

    /** The gateway's own prompt estimate, flagged as estimated; completion tokens stay unknown. */
    TokenUsage estimatedPromptUsage() {
        OpenAiRequest chat = request;
        return new TokenUsage(chat == null ? null : chat.estimatedPromptTokens(), null, null, null, true);
    }

    /** The gateway's own share of the time so far: everything but upstream calls and retry backoff. */
    String overheadMillis() {
        long own = Math.max(0, System.nanoTime() - startNanos - upstreamNanos - waitNanos);
        return String.format(java.util.Locale.ROOT, "%.3f", own / 1_000_000.0);
    }

    void attempt(DecisionTarget target, String outcome, @Nullable Integer status, long attemptStartNanos) {
        attempts.add(new Attempt(attempts.size() + 1, target.modelId(), target.endpointId(), outcome, status,
                Duration.ofNanos(System.nanoTime() - attemptStartNanos).toMillis()));
    }

    int attemptCount() {
        return attempts.size();
    }

    void markFirstByte() {
        if (ttftMillis == null) {
            ttftMillis = elapsedMillis();
        }
    }

    /** True exactly once: the caller that gets true ends the exchange (and emits its usage event, if authenticated). */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }

    @Nullable BigDecimal cost() {
        return served == null || served.price() == null ? null : served.price().costOf(usage);
    }

    UsageRecorded toEvent() {
        KeyIdentity key = identity;
        if (key == null) {
            throw new IllegalStateException("No usage event for an unauthenticated request");
        }
        DecisionTarget target = served;
        DecisionResponse routed = decision;
        return new UsageRecorded(UsageRecorded.SCHEMA_VERSION, UUID.randomUUID(), requestId,
                routed == null ? null : routed.decisionId(), traceId, key.tenantId(), key.teamId(), key.keyId(),
                key.tags(), operation, request == null ? "" : request.model(),
                routed == null ? null : routed.routeAlias(), routed == null ? null : routed.policy(),
                target == null ? null : target.modelId(), target == null ? null : target.modelName(),
                target == null ? null : target.providerId(), target == null ? null : target.poolId(),
                target == null ? null : target.endpointId(), request != null && request.stream(), httpStatus,
                errorClass, interrupted, attempts, usage, ttftMillis, elapsedMillis(),
                target == null ? null : target.price(), cost(), startedAt, clock.instant(), mirrorOf);
    }
}
