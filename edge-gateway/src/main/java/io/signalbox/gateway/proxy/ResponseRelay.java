package io.signalbox.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.calls.LoopTimers;
import io.signalbox.gateway.openai.OpenAiErrors;
import io.signalbox.gateway.openai.OpenAiException;
import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.resilience.CallSettings;
import io.signalbox.gateway.resilience.TargetBreakers;
import io.signalbox.gateway.sse.SseEventSplitter;
import io.signalbox.gateway.translate.BackendTranslator;
import io.signalbox.gateway.translate.ClientTranslator;
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
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the served target's answer to the client: whole bodies at once (with the exact cost), streams event
 * by event as they arrive, translated to OpenAI's shapes when the target speaks another API, with the final
 * usage chunk read on the way and a broken stream ended by an error event.
 */
@Component
class ResponseRelay {

    private static final Logger log = LoggerFactory.getLogger(ResponseRelay.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    private final TargetBreakers breakers;

    private final ExchangeFinisher finisher;

    private final int maxResponseBytes;

    ResponseRelay(TargetBreakers breakers, ExchangeFinisher finisher, GatewayProperties properties) {
        this.breakers = breakers;
        this.finisher = finisher;
        this.maxResponseBytes = (int) properties.upstream().maxResponseSize().toBytes();
    }

    /**
     * Reads the whole answer and sends it. With {@code booksBreaker} the target's circuit breaker learns how the
     * call ended only once the body is read: an answer whose body breaks off is a failure of the target.
     */
    Mono<ServerResponse> buffered(ProxyExchange exchange, DecisionTarget target, UpstreamResponse response,
            long started, boolean booksBreaker) {
        HttpStatusCode status = response.status();
        long bodyStarted = System.nanoTime();
        Duration left = timeLeft(exchange.callSettings, started);
        Mono<DataBuffer> body = DataBufferUtils.join(response.body(), maxResponseBytes);
        // booked once: when the body is read, when it fails, or given back when the client leaves first
        BreakerBooking booking = new BreakerBooking(target, started, booksBreaker);
        return (left == null ? body : LoopTimers.within(body, left))
                .doOnCancel(booking::release)
                .doOnTerminate(() -> exchange.upstreamNanos += System.nanoTime() - bodyStarted)
                .onErrorMap(TimeoutException.class, late -> {
                    booking.failure(late);
                    exchange.attempt(target, "timeout", status.value(), started);
                    exchange.usage = exchange.estimatedPromptUsage();
                    return OpenAiException.upstreamTimeout(
                            "The upstream did not finish its answer within the time allowed for this model.");
                })
                .onErrorMap(DataBufferLimitException.class, tooLarge -> {
                    booking.success(); // it answered, at length
                    exchange.attempt(target, "response_too_large", status.value(), started);
                    exchange.usage = exchange.estimatedPromptUsage();
                    return new OpenAiException(HttpStatus.BAD_GATEWAY, "server_error", "upstream_response_too_large",
                            null, "The upstream's answer is larger than this gateway accepts.");
                })
                .onErrorMap(failure -> !(failure instanceof OpenAiException), failure -> {
                    UpstreamFailure kind = UpstreamFailure.classify(failure);
                    booking.failure(failure);
                    exchange.attempt(target, kind.outcome(), status.value(), started);
                    exchange.usage = exchange.estimatedPromptUsage();
                    log.warn("Answer body from {} broke off: {}", ExchangeFinisher.describe(target), failure.toString());
                    return kind == UpstreamFailure.TIMEOUT
                            ? OpenAiException.upstreamTimeout(
                                    "The upstream stopped sending its answer for longer than allowed for this model.")
                            : OpenAiException.upstreamError(
                                    "The connection to the upstream broke while its answer was being read.");
                })
                .map(ResponseRelay::drain)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> translateBody(exchange.translator, status, bytes))
                .flatMap(bytes -> {
                    booking.success();
                    HttpStatusCode clientStatus = exchange.translator == null ? status
                            : HttpStatusCode.valueOf(exchange.translator.clientStatus(status.value()));
                    exchange.attempt(target, status.is2xxSuccessful() ? "success" : "http_error", status.value(), started);
                    exchange.httpStatus = clientStatus.value();
                    if (status.is2xxSuccessful()) {
                        exchange.usage = usageOf(bytes, exchange);
                        if (exchange.capturesContent()) {
                            exchange.capturedOutput = GenAiSpanAttributes.outputMessages(bytes);
                        }
                    }
                    else {
                        exchange.errorClass = "upstream_" + status.value();
                    }
                    finisher.finish(exchange);
                    ClientTranslator client = exchange.client;
                    byte[] answer = client == null || bytes.length == 0 ? bytes : status.is2xxSuccessful()
                            ? client.response(bytes) : client.error(clientStatus.value(), bytes);
                    return ServerResponse.status(clientStatus)
                            .headers(headers -> {
                                copyUpstreamHeaders(response.headers(), headers);
                                if (exchange.translator != null || client != null) {
                                    headers.setContentType(MediaType.APPLICATION_JSON);
                                }
                                signalboxHeaders(exchange, target, exchange.attemptCount(), headers);
                                if (exchange.cost() != null && status.is2xxSuccessful()) {
                                    headers.set("x-signalbox-cost", exchange.cost().toPlainString());
                                }
                            })
                            .bodyValue(answer);
                });
    }

    Mono<ServerResponse> stream(ProxyExchange exchange, DecisionTarget target, UpstreamResponse response,
            long started, boolean clientWantsUsage) {
        SseEventSplitter splitter = new SseEventSplitter();
        StreamUsageTap tap = new StreamUsageTap(clientWantsUsage,
                exchange.capturesContent() ? exchange.captureContentChars : 0);
        AtomicBoolean ended = new AtomicBoolean();
        BackendTranslator.StreamTranslation translation = exchange.translator == null ? null
                : exchange.translator.stream();
        BackendTranslator.StreamTranslation toClient = exchange.client == null ? null : exchange.client.stream();
        // the idle timeout between chunks is Netty's read timeout on the connection (UpstreamClient)
        Flux<DataBuffer> body = response.body();
        Duration left = timeLeft(exchange.callSettings, started);
        if (left != null) {
            // past the total time allowed the stream is ended like a broken one, and recorded as timed out
            body = body.takeUntilOther(
                    LoopTimers.after(left).doOnNext(late -> exchange.markInterrupted("total_timeout")));
        }
        Flux<DataBuffer> events = body
                .concatMapIterable(buffer -> splitter.feed(drain(buffer)))
                .concatMapIterable(event -> translation == null ? List.of(event) : translation.translate(event))
                .filter(tap::inspect)
                .concatWith(Flux.defer(() -> endOfStream(exchange, splitter, tap)))
                .onErrorResume(failure -> {
                    log.warn("Stream from {} broke: {}", ExchangeFinisher.describe(target), failure.toString());
                    if (UpstreamFailure.classify(failure) == UpstreamFailure.TIMEOUT) {
                        exchange.markInterrupted("stream_idle_timeout");
                        return Flux.just(OpenAiErrors.asStreamEvent(OpenAiException.upstreamTimeout("The upstream "
                                + "sent nothing for longer than allowed between two chunks for this model; the "
                                + "response above is partial.")));
                    }
                    exchange.markInterrupted("stream_interrupted");
                    return Flux.just(OpenAiErrors.asStreamEvent(streamBroken()));
                })
                .concatMapIterable(event -> toClient == null ? List.of(event) : toClient.translate(event))
                .doOnNext(event -> exchange.markFirstByte())
                .map(BUFFERS::wrap)
                .cast(DataBuffer.class)
                .doOnCancel(() -> exchange.markInterrupted("client_cancelled"))
                // a finished stream is booked before its completion reaches the server, whose span then still
                // takes the token counts; a cancelled or failed one when it is torn down
                .doOnComplete(() -> {
                    try {
                        endStream(exchange, target, tap, started, ended);
                    }
                    catch (RuntimeException bookingFailed) {
                        // the client has its whole answer: a failure to book it must not turn into a broken stream
                        log.error("Could not book the end of stream {}", exchange.requestId, bookingFailed);
                    }
                })
                .doFinally(signal -> endStream(exchange, target, tap, started, ended));
        // Reactor Netty flushes whenever it has written all it was given, so each event goes out as it arrives
        // without a publisher and a flush marker per event (writeAndFlushWith)
        BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> writer =
                (message, context) -> message.writeWith(events);
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

    /** The circuit-breaker permission of one answer read whole, booked at most once (or not at all when off). */
    private final class BreakerBooking {

        private final DecisionTarget target;

        private final long started;

        private final AtomicBoolean open;

        BreakerBooking(DecisionTarget target, long started, boolean on) {
            this.target = target;
            this.started = started;
            this.open = new AtomicBoolean(on);
        }

        void success() {
            if (open.compareAndSet(true, false)) {
                breakers.onSuccess(target, System.nanoTime() - started);
            }
        }

        void failure(Throwable failure) {
            if (open.compareAndSet(true, false)) {
                breakers.onFailure(target, System.nanoTime() - started, failure);
            }
        }

        void release() {
            if (open.compareAndSet(true, false)) {
                breakers.release(target);
            }
        }
    }

    /** Books the streamed attempt with the circuit breaker and the usage it reported, once per stream. */
    private void endStream(ProxyExchange exchange, DecisionTarget target, StreamUsageTap tap, long started,
            AtomicBoolean ended) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
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
        String text = tap.text();
        if (text != null && !text.isEmpty()) {
            exchange.capturedOutput = GenAiSpanAttributes.outputMessages(text);
        }
        finisher.finish(exchange);
    }

    /** What is left of the call's total time, at least a millisecond; null when the call has no total limit. */
    private static @Nullable Duration timeLeft(CallSettings settings, long callStartedNanos) {
        Duration total = settings.totalTimeout();
        if (total == null) {
            return null;
        }
        Duration left = total.minusNanos(System.nanoTime() - callStartedNanos);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    private static Flux<byte[]> endOfStream(ProxyExchange exchange, SseEventSplitter splitter, StreamUsageTap tap) {
        byte[] rest = splitter.remainder();
        if (tap.completed()) {
            return rest.length == 0 ? Flux.empty() : Flux.just(rest);
        }
        exchange.markInterrupted(tap.upstreamError() ? "upstream_stream_error" : "stream_interrupted");
        if ("total_timeout".equals(exchange.errorClass)) {
            return Flux.just(OpenAiErrors.asStreamEvent(OpenAiException.upstreamTimeout("The upstream did not "
                    + "finish its answer within the time allowed for this model; the response above is partial.")));
        }
        return tap.upstreamError() ? Flux.empty() : Flux.just(OpenAiErrors.asStreamEvent(streamBroken()));
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
            TokenUsage reported = UsageParser.fromAnswer(JSON, body);
            if (reported != null) {
                return reported;
            }
        }
        catch (JacksonException ex) {
            log.warn("Upstream answered request {} with a body that is not JSON", exchange.requestId);
        }
        return exchange.estimatedPromptUsage();
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

    private static byte[] translateBody(@Nullable BackendTranslator translator, HttpStatusCode status, byte[] bytes) {
        if (translator == null || bytes.length == 0) {
            return bytes;
        }
        return status.is2xxSuccessful() ? translator.response(bytes) : translator.error(status.value(), bytes);
    }

    static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }
}
