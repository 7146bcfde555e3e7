package io.signalbox.gateway.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.auth.VirtualKeyAuthenticator;
import io.signalbox.gateway.limits.LimitCheck;
import io.signalbox.gateway.limits.RateLimiter;
import io.signalbox.gateway.openai.OpenAiErrors;
import io.signalbox.gateway.openai.OpenAiException;
import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.openai.Operation;
import io.signalbox.gateway.resilience.CallSettings;
import io.signalbox.gateway.resilience.LastKnownGoodDecisions;
import io.signalbox.gateway.routing.RoutingClient;
import io.signalbox.gateway.translate.ClientTranslator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

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

    private final VirtualKeyAuthenticator authenticator;

    private final RoutingClient routing;

    private final RateLimiter limiter;

    private final LastKnownGoodDecisions lastKnownGood;

    private final TargetAttempts attempts;

    private final ExchangeFinisher finisher;

    private final Mirror mirror;

    private final Tracer tracer;

    private final Clock clock;

    private final int maxRequestBytes;

    private final CallSettings defaults;

    private final int captureContentChars;

    ProxyHandler(VirtualKeyAuthenticator authenticator, RoutingClient routing, RateLimiter limiter,
            LastKnownGoodDecisions lastKnownGood, TargetAttempts attempts, ExchangeFinisher finisher, Mirror mirror,
            Tracer tracer, Clock clock, GatewayProperties properties, SpanContentProperties spanContent) {
        this.mirror = mirror;
        this.authenticator = authenticator;
        this.routing = routing;
        this.limiter = limiter;
        this.lastKnownGood = lastKnownGood;
        this.attempts = attempts;
        this.finisher = finisher;
        this.tracer = tracer;
        this.clock = clock;
        this.maxRequestBytes = (int) properties.maxRequestSize().toBytes();
        this.defaults = CallSettings.defaults(properties);
        this.captureContentChars = spanContent.captureContent() ? spanContent.maxContentChars() : 0;
    }

    /** The handler for one operation: {@code POST /v1/chat/completions}, {@code /v1/completions}, {@code /v1/embeddings}. */
    public HandlerFunction<ServerResponse> handlerFor(Operation operation) {
        return request -> handle(operation, null, request);
    }

    /**
     * The handler for clients of another API (e.g. Anthropic's {@code POST /v1/messages}): their requests are
     * translated into OpenAI chat completions on the way in, and answers, errors and streams back into their
     * API's shapes on the way out. Such clients may also send their key as {@code x-api-key}.
     */
    public HandlerFunction<ServerResponse> handlerFor(ClientTranslator client) {
        return request -> handle(Operation.CHAT_COMPLETIONS, client, request);
    }

    Mono<ServerResponse> handle(Operation operation, @Nullable ClientTranslator client, ServerRequest request) {
        ProxyExchange exchange = new ProxyExchange(client == null ? operation.eventName() : client.operationName(),
                clock, defaults);
        exchange.client = client;
        return Mono.deferContextual(context -> {
            finisher.begin();
            observe(exchange, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return authenticator.authenticate(authorization(request, client))
                    .flatMap(identity -> {
                        exchange.identity = identity;
                        return readBody(request);
                    })
                    .map(body -> OpenAiRequest.parse(operation, client == null ? body : client.request(body)))
                    .flatMap(chat -> {
                        exchange.request = chat;
                        return admit(exchange, chat);
                    })
                    .flatMap(chat -> decide(exchange, chat, request))
                    .flatMap(decision -> {
                        exchange.decision = decision;
                        GenAiSpanAttributes.requested(exchange);
                        if (decision.targets().isEmpty()) {
                            return Mono.error(OpenAiException.serviceUnavailable("no_available_target",
                                    "No endpoint can serve '" + decision.requestedModel() + "' right now."));
                        }
                        if (decision.shadow() != null) {
                            mirror.send(exchange, decision.shadow());
                        }
                        return attempts.attempt(exchange, decision.targets(), 0, 1);
                    })
                    .onErrorResume(failure -> fail(exchange, failure))
                    .doOnCancel(() -> {
                        // the client went away before an answer was ready: the upstream may still have spent
                        // tokens, so the request is recorded, as interrupted, with what is known
                        exchange.markInterrupted("client_cancelled");
                        attempts.abandon(exchange);
                        if (exchange.usage.promptTokens() == null) {
                            exchange.usage = exchange.estimatedPromptUsage();
                        }
                        finisher.finish(exchange);
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
        return routing.decide(decisionRequest(exchange, chat, request), exchange.observation)
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
        exchange.captureContentChars = captureContentChars;
        if (observation != null) {
            Span span = observation.scoped(tracer::currentSpan);
            if (span != null) {
                exchange.traceId = span.context().traceId();
                exchange.sampled = Boolean.TRUE.equals(span.context().sampled());
            }
        }
    }

    /** The bearer credentials: {@code Authorization}, or for other APIs' clients also their {@code x-api-key}. */
    private static @Nullable String authorization(ServerRequest request, @Nullable ClientTranslator client) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null && client != null) {
            String apiKey = request.headers().firstHeader("x-api-key");
            return apiKey == null ? null : "Bearer " + apiKey.strip();
        }
        return authorization;
    }

    private Mono<byte[]> readBody(ServerRequest request) {
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxRequestBytes)
                .map(ResponseRelay::drain)
                .switchIfEmpty(Mono.error(() -> OpenAiException.invalidRequest(null, null,
                        "The request body is empty; send a JSON request.")));
    }

    /** How much prompt text routing-service gets: enough for classifiers and the PII filter, bounded. */
    private static final int ROUTING_PROMPT_CHARS = 16_384;

    private static DecisionRequest decisionRequest(ProxyExchange exchange, OpenAiRequest chat,
            ServerRequest request) {
        KeyIdentity key = exchange.identity;
        if (key == null) {
            throw new IllegalStateException("decision before authentication");
        }
        String stickyKey = chat.user() != null ? chat.user() : key.keyId();
        return new DecisionRequest(exchange.requestId, key.tenantId(), key.teamId(), key.keyId(), chat.model(),
                chat.operation().eventName(), chat.stream(), chat.estimatedPromptTokens(), chat.maxTokens(), chat.requiredCapabilities(),
                request.headers().firstHeader("x-signalbox-region"), key.tags(), stickyKey,
                chat.routingPrompt(ROUTING_PROMPT_CHARS), request.headers().firstHeader("x-signalbox-priority"));
    }

    private Mono<ServerResponse> fail(ProxyExchange exchange, Throwable failure) {
        OpenAiException error = OpenAiErrors.asOpenAiException(failure);
        if (error.status().is5xxServerError() && !(failure instanceof OpenAiException)) {
            log.error("Request {} failed unexpectedly", exchange.requestId, failure);
        }
        exchange.httpStatus = error.status().value();
        exchange.errorClass = error.code() != null ? error.code() : error.type();
        finisher.finish(exchange);
        ClientTranslator client = exchange.client;
        byte[] body = OpenAiErrors.body(error).getBytes(StandardCharsets.UTF_8);
        return OpenAiErrors.toResponse(error, client == null ? body : client.error(error.status().value(), body),
                headers -> {
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
}
