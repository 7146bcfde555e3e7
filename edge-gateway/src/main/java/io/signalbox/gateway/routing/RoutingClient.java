package io.signalbox.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.calls.LoopLocalPools;
import io.signalbox.gateway.calls.LoopTimers;
import io.signalbox.gateway.calls.OutgoingCall;
import io.signalbox.gateway.calls.OutgoingCalls;
import io.signalbox.gateway.openai.OpenAiException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks routing-service where a request should go, over kept-alive connections (a pool per event loop), behind a
 * circuit breaker ({@link RoutingBreakerProperties}): while routing-service is failing, calls fail at once with
 * {@code routing_unavailable}, which the gateway answers from its last-known-good decisions.
 */
@Component
public class RoutingClient implements DisposableBean {

    private static final String PROBLEM_TYPE_PREFIX = "https://signalbox.io/problems/";

    /** A pool of connections to routing-service per event loop ({@link LoopLocalPools}). */
    private final LoopLocalPools<WebClient> routing;

    private final OutgoingCalls calls;

    private final URI routingUrl;

    /** Built once: expanding the base URL and path for every decision was 2.5 % of the gateway's CPU. */
    private final URI decisions;

    private final Duration timeout;

    private final CircuitBreaker breaker;

    @Autowired
    RoutingClient(WebClient.Builder builder, GatewayProperties properties, RoutingBreakerProperties breaker,
            MeterRegistry meters, OutgoingCalls calls) {
        this(builder, properties.routingUrl(), properties.internalToken(), properties.routingTimeout(), breaker, meters,
                calls);
    }

    RoutingClient(WebClient.Builder builder, URI routingUrl, String internalToken, Duration timeout,
            RoutingBreakerProperties breaker, MeterRegistry meters, OutgoingCalls calls) {
        this.calls = calls;
        this.routingUrl = routingUrl;
        this.routing = new LoopLocalPools<>("signalbox-routing",
                name -> ConnectionProvider.builder(name)
                        .maxConnections(500)
                        .pendingAcquireMaxCount(-1)
                        .maxIdleTime(Duration.ofSeconds(30))
                        .build(),
                pool -> builder.clone()
                        .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
                        // timed and traced by OutgoingCalls, which costs less than WebClient's observation per call
                        .observationRegistry(ObservationRegistry.NOOP)
                        .baseUrl(routingUrl.toString())
                        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + internalToken)
                        .build());
        this.decisions = UriComponentsBuilder.fromUri(routingUrl).path(DECISIONS_PATH).build().toUri();
        this.timeout = timeout;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.breaker = breakers.circuitBreaker(BREAKER_NAME);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    private static final String DECISIONS_PATH = "/v1/decisions";

    private static final String MODELS_PATH = "/v1/models";

    /** The breaker's name in {@code resilience4j_circuitbreaker_*} metrics. */
    static final String BREAKER_NAME = "routing-service";

    /** The routing breaker's state: CLOSED, OPEN, HALF_OPEN. */
    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Asks for a decision. {@code observation} is the client request's, whose trace the call joins (null for a
     * call made for no request).
     */
    public Mono<DecisionResponse> decide(DecisionRequest request, @Nullable Observation observation) {
        // bytes both ways: no String copy and re-encoding of every decision on the request path
        byte[] body = ContractJson.toBytes(request);
        return guarded(Mono.defer(() -> {
            OutgoingCall call = calls.start(observation, HttpMethod.POST, DECISIONS_PATH, decisions);
            return answerOf(routing.current().post()
                    .uri(decisions)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body), call);
        })
                .timeout(LoopTimers.after(timeout))
                .map(json -> ContractJson.fromBytes(json, DecisionResponse.class))
                .onErrorMap(WebClientResponseException.class, failure -> translate(failure, request.model()))
                .onErrorMap(failure -> !(failure instanceof OpenAiException), failure -> unavailable()));
    }

    /** What the tenant's and team's allow-lists let them use (routing filters; the key's own list is the caller's). */
    public Mono<List<AvailableModel>> models(String tenantId, @Nullable String teamId) {
        UriComponentsBuilder query = UriComponentsBuilder.fromUri(routingUrl).path(MODELS_PATH)
                .queryParam("tenantId", tenantId);
        if (teamId != null) {
            query.queryParam("teamId", teamId);
        }
        URI models = query.encode().build().toUri();
        return guarded(Mono.deferContextual(context -> {
            OutgoingCall call = calls.startIn(context, HttpMethod.GET, MODELS_PATH, models);
            return answerOf(routing.current().get().uri(models), call);
        })
                .timeout(LoopTimers.after(timeout))
                .map(json -> Arrays.asList(ContractJson.fromBytes(json, AvailableModel[].class)))
                .onErrorMap(failure -> !(failure instanceof OpenAiException), failure -> unavailable()));
    }

    /** The call's 2xx body, timed; any other answer as WebClient's error, which carries the answer's body. */
    private static Mono<byte[]> answerOf(WebClient.RequestHeadersSpec<?> request, OutgoingCall call) {
        return request.headers(call::inject)
                .retrieve()
                .toEntity(byte[].class)
                .mapNotNull(answer -> {
                    call.answered(answer.getStatusCode());
                    return answer.getBody();
                })
                .doOnError(call::failed)
                .doFinally(call::end);
    }

    /**
     * Runs a call through the breaker: refused at once while it is open; {@code routing_unavailable} counts as a
     * failure, any answer routing-service gave (a decision or a problem about the request) as a success.
     */
    private <T> Mono<T> guarded(Mono<T> call) {
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(unavailable());
            }
            long started = System.nanoTime();
            return call
                    .doOnSuccess(answer -> breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                    .doOnError(failure -> {
                        long took = System.nanoTime() - started;
                        if (failure instanceof OpenAiException error && "routing_unavailable".equals(error.code())) {
                            breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                        }
                        else {
                            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                        }
                    })
                    .doOnCancel(breaker::releasePermission);
        });
    }

    /** Maps routing-service's problem types to what an OpenAI client understands. */
    static OpenAiException translate(WebClientResponseException failure, String model) {
        Problem problem = Problem.read(failure.getResponseBodyAsString());
        String slug = problem.type().startsWith(PROBLEM_TYPE_PREFIX)
                ? problem.type().substring(PROBLEM_TYPE_PREFIX.length()) : "";
        return switch (slug) {
            case "unknown-model" -> OpenAiException.modelNotFound(model);
            case "no-available-target" -> new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error",
                    "model_not_available", "model", problem.detailOr("No model behind '" + model + "' can serve requests."));
            case "no-active-endpoint" -> OpenAiException.serviceUnavailable("no_available_target",
                    problem.detailOr("No endpoint can serve '" + model + "' right now. Retry shortly."));
            case "constraints-unsatisfied" -> OpenAiException.invalidRequest("no_model_satisfies_request", "model",
                    problem.detailOr("No model behind '" + model + "' can serve this request."));
            case "shed" -> new OpenAiException(HttpStatus.TOO_MANY_REQUESTS, "server_error", "load_shed", null,
                    problem.detailOr("Every endpoint is saturated and this request's priority is sheddable. "
                            + "Retry shortly."));
            case "model-not-allowed" -> new OpenAiException(HttpStatus.FORBIDDEN, "invalid_request_error",
                    "model_not_allowed", "model", problem.detailOr("Your tenant or team may not use '" + model + "'."));
            case "budget-exceeded" -> new OpenAiException(HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota",
                    "budget_exceeded", null, problem.detailOr("The budget for this key, team or tenant is exhausted."),
                    false);
            case "invalid-request" -> OpenAiException.invalidRequest("unroutable_request", null,
                    problem.detailOr("The request cannot be routed."));
            case "unsupported-policy" -> new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                    "unsupported_policy", null, problem.detailOr("The route's policy is not supported."));
            default -> failure.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                    ? OpenAiException.modelNotFound(model) : unavailable();
        };
    }

    /** The fields of an RFC 9457 problem the gateway uses; tolerant of bodies that are not problems. */
    private record Problem(String type, @Nullable String detail) {

        static Problem read(String body) {
            try {
                JsonNode node = ContractJson.mapper().readTree(body);
                return new Problem(node.path("type").asString(""),
                        node.path("detail").isString() ? node.path("detail").asString() : null);
            }
            catch (JacksonException notJson) {
                return new Problem("", null);
            }
        }

        String detailOr(String fallback) {
            return detail == null || detail.isBlank() ? fallback : detail;
        }
    }

    private static OpenAiException unavailable() {
        return OpenAiException.serviceUnavailable("routing_unavailable",
                "The gateway cannot route requests right now. Retry shortly.");
    }

    @Override
    public void destroy() {
        routing.dispose();
    }
}
