package io.signalbox.gateway.proxy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.calls.LoopTimers;
import io.signalbox.gateway.credentials.ProviderCredentialStore;
import io.signalbox.gateway.openai.OpenAiException;
import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.resilience.CallSettings;
import io.signalbox.gateway.resilience.RetryPolicy;
import io.signalbox.gateway.resilience.TargetBreakers;
import io.signalbox.gateway.translate.BackendTranslator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Tries a decision's targets in order until one answers. Skips a target whose circuit is open; after a
 * failure that is safe to repeat (nothing reached the upstream, or it answered 429/5xx) retries the same
 * target with backoff while the retry policy allows, then moves on. Timeouts and retries are the ones the
 * registry sets for the target's provider, else the gateway's defaults; translates requests for targets that
 * speak another API; hands the served answer to the {@link ResponseRelay}.
 */
@Component
class TargetAttempts {

    private static final Logger log = LoggerFactory.getLogger(TargetAttempts.class);

    private final UpstreamClient upstream;

    private final TargetBreakers breakers;

    private final Map<String, BackendTranslator> translators;

    private final CallSettings defaults;

    private final int maxTargets;

    private final ResponseRelay relay;

    private final Clock clock;

    private final ProviderCredentialStore credentials;

    TargetAttempts(UpstreamClient upstream, TargetBreakers breakers, List<BackendTranslator> translators,
            ResponseRelay relay, Clock clock, GatewayProperties properties, ProviderCredentialStore credentials) {
        this.upstream = upstream;
        this.credentials = credentials;
        this.breakers = breakers;
        this.translators = translators.stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(BackendTranslator::apiFormat, t -> t));
        this.defaults = CallSettings.defaults(properties);
        this.maxTargets = properties.resilience().maxTargets();
        this.relay = relay;
        this.clock = clock;
    }

    /** Gives back the circuit-breaker permission of a call the client abandoned before it ended. */
    void abandon(ProxyExchange exchange) {
        DecisionTarget inFlight = exchange.inFlight;
        if (inFlight != null) {
            breakers.release(inFlight);
        }
    }

    /**
     * Calls target {@code index} (call number {@code call} on that target). Skips a target whose circuit is
     * open; after a failure that is safe to repeat, retries the same target with backoff while the retry
     * policy allows, then moves to the next target; the last target's error answer is passed through.
     */
    Mono<ServerResponse> attempt(ProxyExchange exchange, List<DecisionTarget> targets, int index, int call) {
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
        CallSettings settings = defaults.with(target.resilience());
        exchange.inFlight = target;
        exchange.translator = translator;
        exchange.callSettings = settings;
        long started = System.nanoTime();
        byte[] body = translator != null ? translator.request(chat, target.upstreamModel())
                : chat.upstreamBody(target.upstreamModel());
        String path = translator != null ? translator.path(chat.operation()) : chat.operation().path();
        Map<String, String> translatorHeaders = translator != null ? translator.headers() : Map.of();
        return credentials.headersFor(target)
                .flatMap(auth -> upstream.send(target, settings, path, merge(translatorHeaders, auth), body,
                        chat.stream(), exchange.observation))
                .<Outcome>map(Outcome.Responded::new)
                .onErrorResume(failure -> Mono.just(new Outcome.Failed(failure)))
                .flatMap(outcome -> {
                    exchange.inFlight = null;
                    exchange.upstreamNanos += System.nanoTime() - started;
                    return switch (outcome) {
                        case Outcome.Failed failed -> {
                            UpstreamFailure kind = UpstreamFailure.classify(failed.failure());
                            if (kind == UpstreamFailure.CREDENTIALS) {
                                breakers.release(target); // the registry failed, not the target
                            }
                            else {
                                breakers.onFailure(target, System.nanoTime() - started, failed.failure());
                            }
                            exchange.attempt(target, kind.outcome(), null, started);
                            log.debug("Target {} failed ({}): {}", ExchangeFinisher.describe(target), kind, failed.failure().toString());
                            Mono<ServerResponse> again = kind.failoverSafe()
                                    ? retryOrNext(exchange, targets, index, call, settings.retry(), null) : null;
                            yield again != null ? again : Mono.error(upstreamError(kind, exchange, target));
                        }
                        case Outcome.Responded responded when refusedSignalbox(responded.response().status()) -> {
                            // 401/403 from an upstream is about Signalbox's credentials there, never the client's
                            // key: passing it on would tell the client to fix a key that is fine. Try the next
                            // target; refetch the provider's credentials in case they were just rotated.
                            UpstreamResponse response = responded.response();
                            int status = response.status().value();
                            breakers.onFailure(target, System.nanoTime() - started,
                                    new IllegalStateException("HTTP " + status));
                            credentials.invalidate(target.providerId());
                            exchange.attempt(target, "upstream_auth", status, started);
                            response.discard();
                            log.warn("Target {} refused Signalbox's credentials (HTTP {}); check provider {} in the "
                                    + "registry", ExchangeFinisher.describe(target), status, target.providerId());
                            Mono<ServerResponse> next = nextTarget(exchange, targets, index);
                            yield next != null ? next : Mono.error(new OpenAiException(HttpStatus.BAD_GATEWAY,
                                    "server_error", "upstream_auth_failed", null, "The provider behind '"
                                            + chat.model() + "' refused this gateway's credentials (HTTP " + status
                                            + "). Your key is fine; an administrator must fix the provider's "
                                            + "credentials in the registry.", false));
                        }
                        case Outcome.Responded responded when retryable(responded.response().status()) -> {
                            UpstreamResponse response = responded.response();
                            breakers.onFailure(target, System.nanoTime() - started,
                                    new IllegalStateException("HTTP " + response.status().value()));
                            Mono<ServerResponse> again = retryOrNext(exchange, targets, index, call,
                                    settings.retry(), response.headers().getFirst(HttpHeaders.RETRY_AFTER));
                            if (again == null) {
                                exchange.served = target;
                                // the breaker has counted this answer already
                                yield relay.buffered(exchange, target, response, started, false);
                            }
                            exchange.attempt(target, "http_error", response.status().value(), started);
                            response.discard();
                            yield again;
                        }
                        case Outcome.Responded responded -> {
                            exchange.served = target;
                            UpstreamResponse response = responded.response();
                            if (chat.stream() && response.status().is2xxSuccessful()) {
                                yield relay.stream(exchange, target, response, started, chat.includeUsageRequested());
                            }
                            yield relay.buffered(exchange, target, response, started, true);
                        }
                    };
                });
    }

    /** The same target again after a backoff, else the next target, else null (nothing left to try). */
    private @Nullable Mono<ServerResponse> retryOrNext(ProxyExchange exchange, List<DecisionTarget> targets,
            int index, int call, RetryPolicy retryPolicy, @Nullable String retryAfter) {
        Optional<Duration> delay = retryPolicy.delayBeforeRetry(call, retryAfter, clock,
                ThreadLocalRandom.current()::nextDouble);
        if (delay.isPresent()) {
            exchange.waitNanos += delay.get().toNanos();
            return LoopTimers.after(delay.get()).then(Mono.defer(() -> attempt(exchange, targets, index, call + 1)));
        }
        return nextTarget(exchange, targets, index);
    }

    /** The next target, else null: none left, or {@code maxTargets} tried (a decision may list hundreds). */
    private @Nullable Mono<ServerResponse> nextTarget(ProxyExchange exchange, List<DecisionTarget> targets, int index) {
        return index + 1 < Math.min(targets.size(), maxTargets) ? attempt(exchange, targets, index + 1, 1) : null;
    }

    private static OpenAiException upstreamError(UpstreamFailure kind, ProxyExchange exchange, DecisionTarget target) {
        if (!kind.failoverSafe()) {
            // the request reached the upstream and may have run: record its estimated prompt against it
            exchange.served = target;
            exchange.usage = exchange.estimatedPromptUsage();
        }
        return switch (kind) {
            case TIMEOUT -> OpenAiException.upstreamTimeout("The upstream did not answer in time. The request was not retried elsewhere because it may "
                            + "still be running.");
            case CONNECT -> new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "upstream_unreachable", null,
                    "No upstream endpoint could be reached for this request.");
            case CREDENTIALS -> OpenAiException.serviceUnavailable("credentials_unavailable",
                    "The gateway cannot fetch the upstream provider's credentials right now. Retry shortly.");
            case BROKEN -> OpenAiException.upstreamError("The connection to the upstream broke before it answered.");
        };
    }

    /** Both header maps in one; either one itself when the other is empty. */
    static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first.isEmpty() ? second : first;
        }
        Map<String, String> merged = new java.util.HashMap<>(first);
        merged.putAll(second);
        return merged;
    }

    /** Worth another call: rate limited, or a server-side failure (529 is Anthropic's "overloaded"). */
    private static boolean refusedSignalbox(HttpStatusCode status) {
        return status.value() == 401 || status.value() == 403;
    }

    private static boolean retryable(HttpStatusCode status) {
        int code = status.value();
        return code == 429 || code == 500 || code == 502 || code == 503 || code == 504 || code == 529;
    }

    /** What one call to a target came to: a response (any status) or no response at all. */
    private sealed interface Outcome {

        record Responded(UpstreamResponse response) implements Outcome {
        }

        record Failed(Throwable failure) implements Outcome {
        }
    }
}
