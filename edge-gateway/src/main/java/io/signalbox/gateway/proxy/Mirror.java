package io.signalbox.gateway.proxy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.calls.LoopTimers;
import io.signalbox.gateway.credentials.ProviderCredentialStore;
import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.resilience.CallSettings;
import io.signalbox.gateway.resilience.TargetBreakers;
import io.signalbox.gateway.translate.BackendTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shadow traffic: a copy of a sampled request goes to the decision's shadow target while the client is served
 * by the primary. The copy asks for a whole answer (no stream), runs on its own (the client's request neither
 * waits for it nor cancels it), and is recorded as its own usage event with {@code mirrorOf} naming the client's
 * request, so that its cost is accounted and its answer can be compared; the answer is never returned. A
 * shadow target whose circuit is open gets no copies, and a mirror never retries or falls back.
 */
@Component
class Mirror {

    private static final Logger log = LoggerFactory.getLogger(Mirror.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UpstreamClient upstream;

    private final TargetBreakers breakers;

    private final ProviderCredentialStore credentials;

    private final Map<String, BackendTranslator> translators;

    private final ExchangeFinisher finisher;

    private final Clock clock;

    private final CallSettings defaults;

    private final int maxResponseBytes;

    private final MeterRegistry meters;

    Mirror(UpstreamClient upstream, TargetBreakers breakers, ProviderCredentialStore credentials,
            List<BackendTranslator> translators, ExchangeFinisher finisher, Clock clock,
            GatewayProperties properties, MeterRegistry meters) {
        this.upstream = upstream;
        this.breakers = breakers;
        this.credentials = credentials;
        this.translators = translators.stream()
                .collect(Collectors.toUnmodifiableMap(BackendTranslator::apiFormat, t -> t));
        this.finisher = finisher;
        this.clock = clock;
        this.defaults = CallSettings.defaults(properties);
        this.maxResponseBytes = (int) properties.upstream().maxResponseSize().toBytes();
        this.meters = meters;
    }

    /** Sends the copy of the client's request in the background; returns at once. */
    void send(ProxyExchange primary, DecisionTarget shadow) {
        OpenAiRequest original = primary.request;
        if (original == null || primary.identity == null) {
            return;
        }
        BackendTranslator translator = translators.get(shadow.apiFormat());
        if (translator != null && !translator.supports(original.operation())) {
            count("unsupported");
            return;
        }
        if (!breakers.tryAcquire(shadow)) {
            count("circuit_open");
            return;
        }
        OpenAiRequest chat = original.wholeAnswer();
        ProxyExchange copy = new ProxyExchange(primary.operation, clock, defaults.with(shadow.resilience()));
        copy.identity = primary.identity;
        copy.request = chat;
        copy.decision = primary.decision;
        copy.traceId = primary.traceId;
        copy.mirrorOf = primary.requestId;
        copy.translator = translator;
        copy.served = shadow;
        CallSettings settings = copy.callSettings;
        byte[] body = translator != null ? translator.request(chat, shadow.upstreamModel())
                : chat.upstreamBody(shadow.upstreamModel());
        String path = translator != null ? translator.path(chat.operation()) : chat.operation().path();
        Map<String, String> headers = translator != null ? translator.headers() : Map.of();
        long started = System.nanoTime();
        credentials.headersFor(shadow)
                // the copy's call belongs to the client request's trace, though it runs on its own
                .flatMap(auth -> upstream.send(shadow, settings, path, TargetAttempts.merge(headers, auth), body, false,
                        primary.observation))
                .flatMap(response -> {
                    Mono<byte[]> answer = DataBufferUtils.join(response.body(), maxResponseBytes)
                            .map(ResponseRelay::drain).defaultIfEmpty(new byte[0]);
                    Duration total = settings.totalTimeout();
                    return (total == null ? answer : LoopTimers.within(answer, total))
                            .map(bytes -> record(copy, shadow, response.status().value(), bytes, started));
                })
                .doOnError(failure -> {
                    UpstreamFailure kind = UpstreamFailure.classify(failure);
                    breakers.onFailure(shadow, System.nanoTime() - started, failure);
                    copy.attempt(shadow, kind.outcome(), null, started);
                    copy.httpStatus = 502;
                    copy.errorClass = kind.outcome();
                    copy.usage = copy.estimatedPromptUsage();
                    log.debug("Mirror of {} to {} failed: {}", primary.requestId, ExchangeFinisher.describe(shadow),
                            failure.toString());
                    count("failed");
                    finisher.finish(copy);
                })
                .onErrorResume(failure -> Mono.empty())
                .subscribe();
    }

    private int record(ProxyExchange copy, DecisionTarget shadow, int status, byte[] bytes, long started) {
        boolean ok = status >= 200 && status < 300;
        if (ok || status < 500 && status != 429) {
            breakers.onSuccess(shadow, System.nanoTime() - started);
        }
        else {
            breakers.onFailure(shadow, System.nanoTime() - started, new IllegalStateException("HTTP " + status));
        }
        BackendTranslator translator = copy.translator;
        byte[] answer = translator == null || bytes.length == 0 ? bytes
                : ok ? translator.response(bytes) : translator.error(status, bytes);
        copy.attempt(shadow, ok ? "success" : "http_error", status, started);
        copy.httpStatus = translator == null ? status : translator.clientStatus(status);
        copy.usage = copy.estimatedPromptUsage();
        if (ok) {
            try {
                var reported = UsageParser.fromAnswer(JSON, answer);
                if (reported != null) {
                    copy.usage = reported;
                }
            }
            catch (JacksonException notJson) {
                log.debug("Mirror {} answered with a body that is not JSON", ExchangeFinisher.describe(shadow));
            }
        }
        else {
            copy.errorClass = "upstream_" + status;
        }
        count(ok ? "success" : "http_error");
        finisher.finish(copy);
        return status;
    }

    private void count(String outcome) {
        meters.counter("signalbox.gateway.mirror.requests", "outcome", outcome).increment();
    }
}
