package io.signalbox.simulator.openai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.endpoint.RecordedRequest;
import io.signalbox.simulator.endpoint.RequestLog;
import io.signalbox.simulator.engine.EngineDriver;
import io.signalbox.simulator.engine.PrefixHasher;
import io.signalbox.simulator.engine.Sequence;
import io.signalbox.simulator.engine.SequenceRequest;
import io.signalbox.simulator.faults.FaultInjector;
import io.signalbox.simulator.faults.FaultInjector.Fault;
import io.signalbox.simulator.faults.FaultSpec;
import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.TextGenerator;
import io.signalbox.simulator.generation.TokenCounter;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible handlers of one endpoint. Nothing blocks: delays are Reactor timers, and each
 * streamed token is written and flushed on its own, so a client sees tokens at the pace the engine
 * sets, as it would from a real inference server.
 */
public final class OpenAiApi {

    private static final String APPLICATION_JSON = "application/json";

    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final EndpointSpec spec;

    private final RequestLog requestLog;

    private final TextGenerator generator;

    private final EngineDriver engine;

    private final FaultInjector faults;

    private final JsonMapper json;

    private final OpenAiWire wire;

    private final long startedAt;

    public OpenAiApi(EndpointSpec spec, RequestLog requestLog, EngineDriver engine, FaultInjector faults) {
        this.spec = spec;
        this.faults = faults;
        this.requestLog = requestLog;
        this.generator = new TextGenerator(spec.seed(), spec.minOutputTokens(), spec.maxOutputTokens());
        this.engine = engine;
        this.json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        this.wire = new OpenAiWire(json, "fp_" + HexFormat.of().toHexDigits(spec.seed()));
        this.startedAt = Instant.now().getEpochSecond();
    }

    /** {@code POST /v1/chat/completions}. */
    public Publisher<Void> chatCompletions(HttpServerRequest request, HttpServerResponse response) {
        Instant receivedAt = Instant.now();
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    JsonNode tree = parse(body);
                    record(request, receivedAt, tree);
                    Fault fault = faults.next();
                    Mono<Void> handled = Mono.defer(() -> {
                        if (fault.refuses()) {
                            return sendFault(response, fault);
                        }
                        try {
                            if (tree == null) {
                                throw OpenAiException.invalidRequest("We could not parse the JSON body of your "
                                        + "request. The API expects a JSON payload, but what was sent was not "
                                        + "valid JSON.", null, null);
                            }
                            return answer(ChatCompletionRequest.from(tree), response, fault.spec());
                        }
                        catch (OpenAiException ex) {
                            return sendError(response, ex);
                        }
                    });
                    Duration added = fault.spec().addedLatency();
                    return added.isZero() ? handled : Mono.delay(added).then(handled);
                });
    }

    /** A refused request, with the status and body the real upstream would send. */
    private Mono<Void> sendFault(HttpServerResponse response, Fault fault) {
        return switch (fault.kind()) {
            case RATE_LIMITED -> {
                response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(fault.spec().retryAfter().toSeconds()));
                yield sendError(response, new OpenAiException(429, "requests", "Rate limit reached for requests "
                        + "(simulated). Please try again later.", null, "rate_limit_exceeded"));
            }
            case OUTAGE -> sendError(response, new OpenAiException(503, "server_error",
                    "The server is temporarily unavailable (simulated outage).", null, null));
            default -> sendError(response, new OpenAiException(fault.spec().errorStatus(), "server_error",
                    "The server had an error while processing your request (simulated).", null, null));
        };
    }

    /** {@code GET /v1/models}: the models this endpoint serves. */
    public Publisher<Void> models(HttpServerRequest request, HttpServerResponse response) {
        record(request, Instant.now(), null);
        return sendJson(response, HttpResponseStatus.OK,
                wire.models(spec.servedModels(), startedAt, spec.contextWindow()));
    }

    /** Any other path: OpenAI's 404 for an unknown URL. */
    public Publisher<Void> invalidUrl(HttpServerRequest request, HttpServerResponse response) {
        record(request, Instant.now(), null);
        return sendError(response, new OpenAiException(404, OpenAiException.INVALID_REQUEST,
                "Invalid URL (" + request.method().name() + " " + request.fullPath() + ")", null, null));
    }

    private Mono<Void> answer(ChatCompletionRequest request, HttpServerResponse response, FaultSpec degraded) {
        if (!spec.serves(request.model())) {
            throw new OpenAiException(404, OpenAiException.INVALID_REQUEST, "The model `" + request.model()
                    + "` does not exist or you do not have access to it.", null, "model_not_found");
        }
        int promptTokens = TokenCounter.promptTokens(request.prompt());
        Integer maxTokens = request.maxTokens();
        int requested = promptTokens + (maxTokens == null ? 1 : maxTokens);
        if (requested > spec.contextWindow()) {
            throw OpenAiException.invalidRequest(contextLengthMessage(promptTokens, maxTokens), "messages",
                    "context_length_exceeded");
        }
        int tokenLimit = maxTokens == null ? spec.contextWindow() - promptTokens : maxTokens;
        Completion completion = generator.generate(request.model(), request.prompt(), request.seed(), tokenLimit);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        String adapter = spec.adapterOf(request.model());
        long[] chain = PrefixHasher.chain(request.model(), request.prompt(), promptTokens,
                engine.spec().blockSize());
        SequenceRequest sequence = new SequenceRequest(promptTokens, completion.completionTokens(), chain, adapter);
        return engine.schedule(sequence).flatMap(scheduled -> {
            long slowFirstToken = degraded.slowFirstToken().toNanos();
            if (request.stream()) {
                return stream(response, request, id, created, completion, scheduled, slowFirstToken,
                        degraded.streamCutAfterChunks());
            }
            return delayUntil(scheduled.finishedAt() + slowFirstToken).then(Mono.defer(() -> sendJson(response,
                    HttpResponseStatus.OK, wire.completion(id, created, request.model(), completion, promptTokens,
                            scheduled.cachedTokens()))));
        });
    }

    /** Completes at a time on the engine's clock; at once (no timer) when that time has passed. */
    private Mono<Void> delayUntil(long nanos) {
        Duration wait = engine.until(nanos);
        return wait.isZero() ? Mono.empty() : Mono.delay(wait).then();
    }

    private String contextLengthMessage(int promptTokens, @Nullable Integer maxTokens) {
        if (maxTokens == null) {
            return "This model's maximum context length is " + spec.contextWindow() + " tokens. However, your "
                    + "messages resulted in " + promptTokens + " tokens. Please reduce the length of the messages.";
        }
        return "This model's maximum context length is " + spec.contextWindow() + " tokens. However, you requested "
                + (promptTokens + maxTokens) + " tokens (" + promptTokens + " in the messages, " + maxTokens
                + " in the completion). Please reduce the length of the messages or completion.";
    }

    /**
     * Role chunk and first token after TTFT (as vLLM sends the role once prefill is done), one chunk per further
     * token after TPOT each, then the finish chunk, the optional usage chunk and {@code [DONE]}.
     */
    private Mono<Void> stream(HttpServerResponse response, ChatCompletionRequest request, String id, long created,
            Completion completion, Sequence scheduled, long slowFirstToken, int cutAfterChunks) {
        String model = request.model();
        boolean includeUsage = request.includeUsage();
        List<String> tokens = completion.tokens();
        int promptTokens = scheduled.promptTokens();
        Flux<String> first = delayUntil(scheduled.firstTokenAt() + slowFirstToken).thenMany(Flux.just(
                wire.roleChunk(id, created, model, includeUsage),
                wire.contentChunk(id, created, model, tokens.getFirst(), includeUsage)));
        Duration tpot = Duration.ofNanos(scheduled.timePerOutputToken());
        Flux<String> rest = Flux.fromIterable(tokens.subList(1, tokens.size()));
        if (!tpot.isZero()) {
            rest = rest.delayElements(tpot);
        }
        rest = rest.map(token -> wire.contentChunk(id, created, model, token, includeUsage));
        Flux<String> last = Flux.defer(() -> {
            List<String> tail = new ArrayList<>(3);
            tail.add(wire.finishChunk(id, created, model, completion.finishReason(), includeUsage));
            if (includeUsage) {
                tail.add(wire.usageChunk(id, created, model, promptTokens, completion.completionTokens(),
                        scheduled.cachedTokens()));
            }
            tail.add("[DONE]");
            return Flux.fromIterable(tail);
        });
        Flux<ByteBuf> events = Flux.concat(first, rest, last)
                .map(data -> Unpooled.wrappedBuffer(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8)));
        if (cutAfterChunks > 0) {
            events = events.take(cutAfterChunks);
        }
        Mono<Void> sent = response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send(events, event -> true)
                .then();
        if (cutAfterChunks == 0) {
            return sent;
        }
        // A cut stream ends like a dropped connection: no [DONE] and no terminating chunk.
        return sent.then(Mono.fromRunnable(() -> response.withConnection(Connection::dispose)));
    }

    private @Nullable JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private void record(HttpServerRequest request, Instant receivedAt, @Nullable JsonNode body) {
        String model = null;
        boolean stream = false;
        if (body != null && body.isObject()) {
            JsonNode modelNode = body.get("model");
            model = modelNode != null && modelNode.isString() ? modelNode.stringValue() : null;
            stream = body.path("stream").asBoolean(false);
        }
        requestLog.record(new RecordedRequest(request.method().name(), request.fullPath(), model, stream,
                RecordedRequest.selectHeaders(request.requestHeaders()::get), receivedAt));
    }

    private Mono<Void> sendError(HttpServerResponse response, OpenAiException error) {
        return sendJson(response, HttpResponseStatus.valueOf(error.status()), wire.error(error));
    }

    private static Mono<Void> sendJson(HttpServerResponse response, HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }
}
