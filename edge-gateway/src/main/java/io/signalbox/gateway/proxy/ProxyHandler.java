package io.signalbox.gateway.proxy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.auth.VirtualKeyAuthenticator;
import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.limits.LimitCheck;
import io.signalbox.gateway.limits.RateLimiter;
import io.signalbox.gateway.openai.OpenAiErrors;
import io.signalbox.gateway.openai.OpenAiException;
import io.signalbox.gateway.openai.Operation;
import io.signalbox.gateway.resilience.LastKnownGoodDecisions;
import io.signalbox.gateway.resilience.RetryPolicy;
import io.signalbox.gateway.resilience.TargetBreakers;
import io.signalbox.gateway.routing.RoutingClient;
import io.signalbox.gateway.translate.BackendTranslator;
import io.signalbox.gateway.usage.UsagePublisher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI operations ({@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}):
 * authenticate, route, proxy, record. Targets are tried in the
 * decision's order; a connect failure or a retryable status (429, 5xx) moves on to the next target as
 * long as nothing has been sent to the client. Streams are passed through event by event as they
 * arrive; a stream that breaks after its first byte is ended with an error event, never silently.
 */
@Component
public class ProxyHandler {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    private final VirtualKeyAuthenticator authenticator;

    private final RoutingClient routing;

    private final UpstreamClient upstream;

    private final UsagePublisher usage;

    private final Tracer tracer;

    private final TargetBreakers breakers;

    private final RateLimiter limiter;

    private final Map<String, BackendTranslator> translators;

    private final LastKnownGoodDecisions lastKnownGood;

    private final RetryPolicy retryPolicy;

    private final Clock clock;

    private final int maxRequestBytes;

    private final int maxResponseBytes;

    ProxyHandler(VirtualKeyAuthenticator authenticator, RoutingClient routing, UpstreamClient upstream,
            UsagePublisher usage, Tracer tracer, TargetBreakers breakers, RateLimiter limiter,
            List<BackendTranslator> translators, LastKnownGoodDecisions lastKnownGood, Clock clock,
            GatewayProperties properties) {
        this.authenticator = authenticator;
        this.routing = routing;
        this.upstream = upstream;
        this.usage = usage;
        this.tracer = tracer;
        this.breakers = breakers;
        this.limiter = limiter;
        this.translators = translators.stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(BackendTranslator::apiFormat, t -> t));
        this.lastKnownGood = lastKnownGood;
        this.retryPolicy = properties.resilience().retryPolicy();
        this.clock = clock;
        this.maxRequestBytes = (int) properties.maxRequestSize().toBytes();
        this.maxResponseBytes = (int) properties.upstream().maxResponseSize().toBytes();
    }

    /** The handler for one operation: {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}. */
    public HandlerFunction<ServerResponse> handlerFor(Operation operation) {
        return request -> handle(operation, request);
    }

    Mono<ServerResponse> handle(Operation operation, ServerRequest request) {
        ProxyExchange exchange = new ProxyExchange(operation.eventName(), clock);
        return Mono.deferContextual(context -> {
            observe(exchange, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return authenticator.authenticate(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                    .flatMap(identity -> {
                        exchange.identity = identity;
                        return readBody(request);
                    })
                    .map(body -> OpenAiRequest.parse(operation, body))
                    .flatMap(chat -> {
                        exchange.request = chat;
                        return admit(exchange, chat);
                    })
                    .flatMap(chat -> decide(exchange, chat, request))
                    .flatMap(decision -> {
                        exchange.decision = decision;
                        if (decision.targets().isEmpty()) {
                            return Mono.error(OpenAiException.serviceUnavailable("no_available_target",
                                    "No endpoint can serve '" + decision.requestedModel() + "' right now."));
                        }
                        return attempt(exchange, decision.targets(), 0, 1);
                    })
                    .onErrorResume(failure -> fail(exchange, failure))
                    .doOnCancel(() -> {
                        // the client went away before an answer was ready: the upstream may still have spent
                        // tokens, so the request is recorded, as interrupted, with what is known
                        markInterrupted(exchange, "client_cancelled");
                        DecisionTarget abandoned = exchange.inFlight;
                        if (abandoned != null) {
                            breakers.release(abandoned);
                        }
                        if (exchange.usage.promptTokens() == null) {
                            exchange.usage = estimatedPromptUsage(exchange);
                        }
                        finish(exchange);
                    });
        });
    }

    /**
     * Lets the request in if its key may use the model it names and neither the key's nor its team's
     * per-minute limits are exhausted; the request is counted against them as it is let in.
     */
    private Mono<OpenAiRequest> admit(ProxyExchange exchange, OpenAiRequest chat) {
        KeyIdentity key = exchange.identity;
        if (key == null) {
            return Mono.error(new IllegalStateException("admission before authentication"));
        }
        if (!key.allows(chat.model())) {
            return Mono.error(new OpenAiException(HttpStatus.FORBIDDEN, "invalid_request_error", "model_not_allowed",
                    "model", "This API key may not use '" + chat.model() + "'. GET /v1/models lists what it may use."));
        }
        exchange.reservedTokens = chat.estimatedPromptTokens() + (chat.maxTokens() == null ? 0 : chat.maxTokens());
        return limiter.acquire(key, exchange.reservedTokens).flatMap(check -> {
            exchange.limits = check;
            if (check.allowed()) {
                return Mono.just(chat);
            }
            return Mono.error(new OpenAiException(HttpStatus.TOO_MANY_REQUESTS, String.valueOf(check.exceeded()),
                    "rate_limit_exceeded", null, "Rate limit reached for " + check.exceeded() + " per minute on this "
                            + check.exceededScope() + ". Retry after " + check.retryAfter().toSeconds() + "s."));
        });
    }

    /**
     * Asks routing-service; when it cannot be reached, serves the last decision it gave for this tenant
     * and model (degraded mode), which the response says in {@code x-signalbox-degraded}.
     */
    private Mono<DecisionResponse> decide(ProxyExchange exchange, OpenAiRequest chat, ServerRequest request) {
        KeyIdentity key = exchange.identity;
        if (key == null) {
            return Mono.error(new IllegalStateException("decision before authentication"));
        }
        return routing.decide(decisionRequest(exchange, chat, request))
                .doOnNext(decision -> lastKnownGood.remember(key.tenantId(), chat.model(), decision))
                .onErrorResume(OpenAiException.class, failure -> {
                    if (!"routing_unavailable".equals(failure.code())) {
                        return Mono.error(failure);
                    }
                    return lastKnownGood.recall(key.tenantId(), chat.model())
                            .map(remembered -> {
                                exchange.degraded = "routing-unavailable; decision-age="
                                        + remembered.age(clock).toSeconds() + "s";
                                log.warn("routing-service unreachable; request {} served from the decision of {}",
                                        exchange.requestId, remembered.decidedAt());
                                return Mono.just(remembered.decision());
                            })
                            .orElseGet(() -> Mono.error(failure));
                });
    }

    private void observe(ProxyExchange exchange, @Nullable Observation observation) {
        exchange.observation = observation;
        if (observation != null) {
            exchange.traceId = observation.scoped(() -> {
                Span span = tracer.currentSpan();
                return span == null ? null : span.context().traceId();
            });
        }
    }

    private Mono<byte[]> readBody(ServerRequest request) {
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxRequestBytes)
                .map(ProxyHandler::drain)
                .switchIfEmpty(Mono.error(() -> OpenAiException.invalidRequest(null, null,
                        "The request body is empty; send a JSON request.")));
    }

    private static DecisionRequest decisionRequest(ProxyExchange exchange, OpenAiRequest chat,
            ServerRequest request) {
        KeyIdentity key = exchange.identity;
        if (key == null) {
            throw new IllegalStateException("decision before authentication");
        }
        String stickyKey = chat.user() != null ? chat.user() : key.keyId();
        return new DecisionRequest(exchange.requestId, key.tenantId(), key.teamId(), key.keyId(), chat.model(),
                chat.operation().eventName(), chat.stream(), chat.estimatedPromptTokens(), chat.maxTokens(), chat.requiredCapabilities(),
                request.headers().firstHeader("x-signalbox-region"), key.tags(), stickyKey);
    }

    /**
     * Calls target {@code index} (call number {@code call} on that target). Skips a target whose circuit is
     * open; after a failure that is safe to repeat, retries the same target with backoff while the retry
     * policy allows, then moves to the next target; the last target's error answer is passed through.
     */
    private Mono<ServerResponse> attempt(ProxyExchange exchange, List<DecisionTarget> targets, int index, int call) {
        DecisionTarget target = targets.get(index);
        OpenAiRequest chat = exchange.request;
        if (chat == null) {
            return Mono.error(new IllegalStateException("attempt before parsing"));
        }
        if (!breakers.tryAcquire(target)) {
            exchange.attempt(target, "circuit_open", null, System.nanoTime());
            Mono<ServerResponse> next = nextTarget(exchange, targets, index);
            return next != null ? next : Mono.error(OpenAiException.serviceUnavailable("no_available_target",
                    "Every target for '" + chat.model() + "' is failing and temporarily skipped (circuit open). "
                            + "Retry shortly."));
        }
        BackendTranslator translator = translators.get(target.apiFormat());
        if (translator != null && !translator.supports(chat.operation())) {
            breakers.release(target);
            exchange.attempt(target, "unsupported_operation", null, System.nanoTime());
            Mono<ServerResponse> next = nextTarget(exchange, targets, index);
            return next != null ? next : Mono.error(OpenAiException.invalidRequest("unsupported_operation", "model",
                    "The model behind '" + chat.model() + "' cannot serve " + chat.operation().path() + "."));
        }
        exchange.inFlight = target;
        exchange.translator = translator;
        long started = System.nanoTime();
        byte[] body = translator != null ? translator.request(chat, target.upstreamModel())
                : chat.upstreamBody(target.upstreamModel());
        String path = translator != null ? translator.path(chat.operation()) : chat.operation().path();
        return upstream.send(target, path, translator != null ? translator.headers() : Map.of(), body, chat.stream())
                .<Outcome>map(Outcome.Responded::new)
                .onErrorResume(failure -> Mono.just(new Outcome.Failed(failure)))
                .flatMap(outcome -> {
                    exchange.inFlight = null;
                    exchange.upstreamNanos += System.nanoTime() - started;
                    return switch (outcome) {
                        case Outcome.Failed failed -> {
                            UpstreamFailure kind = UpstreamFailure.classify(failed.failure());
                            breakers.onFailure(target, System.nanoTime() - started, failed.failure());
                            exchange.attempt(target, kind.outcome(), null, started);
                            log.debug("Target {} failed ({}): {}", describe(target), kind, failed.failure().toString());
                            Mono<ServerResponse> again = kind.failoverSafe()
                                    ? retryOrNext(exchange, targets, index, call, null) : null;
                            yield again != null ? again : Mono.error(upstreamError(kind, exchange, target));
                        }
                        case Outcome.Responded responded when retryable(responded.response().status()) -> {
                            UpstreamResponse response = responded.response();
                            breakers.onFailure(target, System.nanoTime() - started,
                                    new IllegalStateException("HTTP " + response.status().value()));
                            Mono<ServerResponse> again = retryOrNext(exchange, targets, index, call,
                                    response.headers().getFirst(HttpHeaders.RETRY_AFTER));
                            if (again == null) {
                                exchange.served = target;
                                yield buffered(exchange, target, response, started);
                            }
                            exchange.attempt(target, "http_error", response.status().value(), started);
                            response.discard();
                            yield again;
                        }
                        case Outcome.Responded responded -> {
                            exchange.served = target;
                            UpstreamResponse response = responded.response();
                            if (chat.stream() && response.status().is2xxSuccessful()) {
                                yield stream(exchange, target, response, started, chat.includeUsageRequested());
                            }
                            breakers.onSuccess(target, System.nanoTime() - started);
                            yield buffered(exchange, target, response, started);
                        }
                    };
                });
    }

    /** The same target again after a backoff, else the next target, else null (nothing left to try). */
    private @Nullable Mono<ServerResponse> retryOrNext(ProxyExchange exchange, List<DecisionTarget> targets,
            int index, int call, @Nullable String retryAfter) {
        Optional<Duration> delay = retryPolicy.delayBeforeRetry(call, retryAfter, clock,
                ThreadLocalRandom.current()::nextDouble);
        if (delay.isPresent()) {
            exchange.waitNanos += delay.get().toNanos();
            return Mono.delay(delay.get()).then(Mono.defer(() -> attempt(exchange, targets, index, call + 1)));
        }
        return nextTarget(exchange, targets, index);
    }

    private @Nullable Mono<ServerResponse> nextTarget(ProxyExchange exchange, List<DecisionTarget> targets, int index) {
        return index + 1 < targets.size() ? attempt(exchange, targets, index + 1, 1) : null;
    }

    private Mono<ServerResponse> buffered(ProxyExchange exchange, DecisionTarget target, UpstreamResponse response,
            long started) {
        HttpStatusCode status = response.status();
        long bodyStarted = System.nanoTime();
        return DataBufferUtils.join(response.body(), maxResponseBytes)
                .doOnTerminate(() -> exchange.upstreamNanos += System.nanoTime() - bodyStarted)
                .onErrorMap(DataBufferLimitException.class, tooLarge -> {
                    exchange.attempt(target, "response_too_large", status.value(), started);
                    exchange.usage = estimatedPromptUsage(exchange);
                    return new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "upstream_response_too_large",
                            null, "The upstream's answer is larger than this gateway accepts.");
                })
                .map(ProxyHandler::drain)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> translateBody(exchange.translator, status, bytes))
                .flatMap(bytes -> {
                    HttpStatusCode clientStatus = exchange.translator == null ? status
                            : HttpStatusCode.valueOf(exchange.translator.clientStatus(status.value()));
                    exchange.attempt(target, status.is2xxSuccessful() ? "success" : "http_error", status.value(), started);
                    exchange.httpStatus = clientStatus.value();
                    if (status.is2xxSuccessful()) {
                        exchange.usage = usageOf(bytes, exchange);
                    }
                    else {
                        exchange.errorClass = "upstream_" + status.value();
                    }
                    finish(exchange);
                    return ServerResponse.status(clientStatus)
                            .headers(headers -> {
                                copyUpstreamHeaders(response.headers(), headers);
                                if (exchange.translator != null) {
                                    headers.setContentType(MediaType.APPLICATION_JSON);
                                }
                                signalboxHeaders(exchange, target, exchange.attemptCount(), headers);
                                if (exchange.cost() != null && status.is2xxSuccessful()) {
                                    headers.set("x-signalbox-cost", exchange.cost().toPlainString());
                                }
                            })
                            .bodyValue(bytes);
                });
    }

    private Mono<ServerResponse> stream(ProxyExchange exchange, DecisionTarget target, UpstreamResponse response,
            long started, boolean clientWantsUsage) {
        SseEventSplitter splitter = new SseEventSplitter();
        StreamUsageTap tap = new StreamUsageTap(clientWantsUsage);
        BackendTranslator.StreamTranslation translation = exchange.translator == null ? null
                : exchange.translator.stream();
        Flux<DataBuffer> events = response.body()
                .timeout(Duration.ofMillis(upstream.streamIdleMillis()))
                .concatMapIterable(buffer -> splitter.feed(drain(buffer)))
                .concatMapIterable(event -> translation == null ? List.of(event) : translation.translate(event))
                .filter(tap::inspect)
                .concatWith(Flux.defer(() -> endOfStream(exchange, splitter, tap)))
                .onErrorResume(failure -> {
                    log.warn("Stream from {} broke: {}", describe(target), failure.toString());
                    markInterrupted(exchange, "stream_interrupted");
                    return Flux.just(OpenAiErrors.asStreamEvent(streamBroken()));
                })
                .doOnNext(event -> exchange.markFirstByte())
                .map(BUFFERS::wrap)
                .cast(DataBuffer.class)
                .doOnCancel(() -> markInterrupted(exchange, "client_cancelled"))
                .doFinally(signal -> {
                    boolean upstreamBroke = exchange.interrupted && !"client_cancelled".equals(exchange.errorClass);
                    if (upstreamBroke) {
                        breakers.onFailure(target, System.nanoTime() - started,
                                new IllegalStateException(String.valueOf(exchange.errorClass)));
                    }
                    else {
                        breakers.onSuccess(target, System.nanoTime() - started);
                    }
                    exchange.attempt(target, exchange.interrupted ? "interrupted" : "success", 200, started);
                    exchange.usage = tap.usage() != null ? tap.usage() : estimatedUsage(exchange, tap);
                    finish(exchange);
                });
        BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> writer =
                (message, context) -> message.writeAndFlushWith(events.map(Mono::just));
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setCacheControl("no-cache");
                    headers.set("X-Accel-Buffering", "no");
                    // the served attempt is recorded when the stream ends, so count it here
                    signalboxHeaders(exchange, target, exchange.attemptCount() + 1, headers);
                })
                .body(writer);
    }

    private static Flux<byte[]> endOfStream(ProxyExchange exchange, SseEventSplitter splitter, StreamUsageTap tap) {
        byte[] rest = splitter.remainder();
        if (tap.completed()) {
            return rest.length == 0 ? Flux.empty() : Flux.just(rest);
        }
        markInterrupted(exchange, tap.upstreamError() ? "upstream_stream_error" : "stream_interrupted");
        return tap.upstreamError() ? Flux.empty() : Flux.just(OpenAiErrors.asStreamEvent(streamBroken()));
    }

    private static void markInterrupted(ProxyExchange exchange, String errorClass) {
        if (!exchange.interrupted) {
            exchange.interrupted = true;
            exchange.errorClass = errorClass;
        }
    }

    private static OpenAiException upstreamError(UpstreamFailure kind, ProxyExchange exchange, DecisionTarget target) {
        if (kind != UpstreamFailure.CONNECT) {
            // the request reached the upstream and may have run: record its estimated prompt against it
            exchange.served = target;
            exchange.usage = estimatedPromptUsage(exchange);
        }
        return switch (kind) {
            case TIMEOUT -> new OpenAiException(HttpStatus.GATEWAY_TIMEOUT, "server_error", "upstream_timeout", null,
                    "The upstream did not answer in time. The request was not retried elsewhere because it may "
                            + "still be running.");
            case CONNECT -> new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "upstream_unreachable", null,
                    "No upstream endpoint could be reached for this request.");
            case BROKEN -> new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "upstream_error", null,
                    "The connection to the upstream broke before it answered.");
        };
    }

    private static OpenAiException streamBroken() {
        return new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "stream_interrupted", null,
                "The upstream stream ended before it was complete; the response above is partial.");
    }

    private static TokenUsage estimatedUsage(ProxyExchange exchange, StreamUsageTap tap) {
        OpenAiRequest chat = exchange.request;
        return new TokenUsage(chat == null ? null : chat.estimatedPromptTokens(), tap.contentChunks(), null, null, true);
    }

    private static TokenUsage usageOf(byte[] body, ProxyExchange exchange) {
        try {
            TokenUsage reported = UsageParser.fromUsageNode(JSON.readTree(body).path("usage"));
            if (reported != null) {
                return reported;
            }
        }
        catch (JacksonException ex) {
            log.warn("Upstream answered request {} with a body that is not JSON", exchange.requestId);
        }
        return estimatedPromptUsage(exchange);
    }

    /** The gateway's own prompt estimate, flagged as estimated; completion tokens stay unknown. */
    private static TokenUsage estimatedPromptUsage(ProxyExchange exchange) {
        OpenAiRequest chat = exchange.request;
        return new TokenUsage(chat == null ? null : chat.estimatedPromptTokens(), null, null, null, true);
    }

    private Mono<ServerResponse> fail(ProxyExchange exchange, Throwable failure) {
        OpenAiException error = OpenAiErrors.asOpenAiException(failure);
        if (error.status().is5xxServerError() && !(failure instanceof OpenAiException)) {
            log.error("Request {} failed unexpectedly", exchange.requestId, failure);
        }
        exchange.httpStatus = error.status().value();
        exchange.errorClass = error.code() != null ? error.code() : error.type();
        finish(exchange);
        return OpenAiErrors.toResponse(error, headers -> {
            headers.set("x-request-id", exchange.requestId);
            LimitCheck limits = exchange.limits;
            if (limits != null) {
                limits.writeHeaders(headers);
                if (!limits.allowed()) {
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limits.retryAfter().toSeconds()));
                }
            }
            if (exchange.decision != null) {
                headers.set("x-signalbox-decision-id", exchange.decision.decisionId());
            }
        });
    }

    private void finish(ProxyExchange exchange) {
        if (!exchange.finish()) {
            return;
        }
        LimitCheck limits = exchange.limits;
        KeyIdentity key = exchange.identity;
        if (limits != null && limits.allowed() && key != null) {
            limiter.settleTokens(key, exchange.reservedTokens, exchange.usage.totalTokensOrZero());
        }
        log.info("request {} model={} served_by={} status={} interrupted={} attempts={} latency_ms={}",
                exchange.requestId, exchange.request == null ? "-" : exchange.request.model(),
                exchange.served == null ? "-" : describe(exchange.served), exchange.httpStatus, exchange.interrupted,
                exchange.attemptCount(), exchange.elapsedMillis());
        usage.publish(exchange.toEvent(), exchange.observation);
    }

    private static void signalboxHeaders(ProxyExchange exchange, DecisionTarget target, int attempts,
            HttpHeaders headers) {
        headers.set("x-request-id", exchange.requestId);
        headers.set("x-signalbox-model", target.modelName());
        headers.set("x-signalbox-endpoint", target.endpointId() != null ? target.endpointId() : target.providerId());
        headers.set("x-signalbox-attempts", Integer.toString(attempts));
        headers.set("x-signalbox-overhead-ms", exchange.overheadMillis());
        if (exchange.limits != null) {
            exchange.limits.writeHeaders(headers);
        }
        if (exchange.degraded != null) {
            headers.set("x-signalbox-degraded", exchange.degraded);
        }
        DecisionResponse decision = exchange.decision;
        if (decision != null) {
            headers.set("x-signalbox-decision-id", decision.decisionId());
            if (decision.routeAlias() != null) {
                headers.set("x-signalbox-route", decision.routeAlias());
            }
        }
    }

    private static void copyUpstreamHeaders(HttpHeaders from, HttpHeaders to) {
        MediaType contentType = from.getContentType();
        to.setContentType(contentType != null ? contentType : MediaType.APPLICATION_JSON);
        String retryAfter = from.getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            to.set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
    }

    /** Worth another call: rate limited, or a server-side failure (529 is Anthropic's "overloaded"). */
    private static boolean retryable(HttpStatusCode status) {
        int code = status.value();
        return code == 429 || code == 500 || code == 502 || code == 503 || code == 504 || code == 529;
    }

    private static byte[] translateBody(@Nullable BackendTranslator translator, HttpStatusCode status, byte[] bytes) {
        if (translator == null || bytes.length == 0) {
            return bytes;
        }
        return status.is2xxSuccessful() ? translator.response(bytes) : translator.error(status.value(), bytes);
    }

    private static String describe(DecisionTarget target) {
        return target.modelName() + "@" + (target.endpointId() != null ? target.endpointId() : target.baseUrl());
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** What one call to a target came to: a response (any status) or no response at all. */
    private sealed interface Outcome {

        record Responded(UpstreamResponse response) implements Outcome {
        }

        record Failed(Throwable failure) implements Outcome {
        }
    }
}
