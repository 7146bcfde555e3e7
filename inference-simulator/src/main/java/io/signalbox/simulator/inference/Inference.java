package io.signalbox.simulator.inference;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

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
import io.signalbox.simulator.generation.Embedder;
import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.TextGenerator;
import io.signalbox.simulator.generation.Tool;
import io.signalbox.simulator.generation.ToolArguments;
import io.signalbox.simulator.generation.ToolCall;
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
 * The request path every inference API of one endpoint shares: read the body, record it, draw the fault, wait
 * the added latency, then refuse or answer; answers are generated deterministically, scheduled on the engine
 * and sent at the engine's computed times. Nothing blocks: delays are Reactor timers, and each streamed event
 * is written and flushed on its own, so a client sees tokens at the pace the engine sets.
 */
public final class Inference {

    /** {@code Content-Type} of JSON bodies. */
    public static final String APPLICATION_JSON = "application/json";

    /** {@code Content-Type} of server-sent event streams. */
    public static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    /** How long a cut stream stays open after its last event before the connection is closed. */
    static final Duration CUT_GRACE = Duration.ofMillis(50);

    private final EndpointSpec spec;

    private final RequestLog requestLog;

    private final EngineDriver engine;

    private final FaultInjector faults;

    private final TextGenerator generator;

    private final Embedder embedder;

    private final JsonMapper json;

    public Inference(EndpointSpec spec, RequestLog requestLog, EngineDriver engine, FaultInjector faults) {
        this.spec = spec;
        this.requestLog = requestLog;
        this.engine = engine;
        this.faults = faults;
        this.generator = new TextGenerator(spec.seed(), spec.minOutputTokens(), spec.maxOutputTokens());
        this.embedder = new Embedder(spec.seed());
        this.json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    public EndpointSpec spec() {
        return spec;
    }

    /** The mapper requests are read and answers written with. */
    public JsonMapper json() {
        return json;
    }

    /** One API's side of a request: how it refuses under a fault and how it answers. */
    public interface Handler {

        /** Answers a request the faults refused (outage, rate limit, server error) in the API's error shape. */
        Mono<Void> refuse(HttpServerResponse response, Fault fault);

        /**
         * Answers a request that got through.
         *
         * @param body the parsed body, {@code null} when it was empty or not JSON
         * @param degraded the faults in force, for the slow first token and the stream cut
         */
        Mono<Void> answer(@Nullable JsonNode body, HttpServerResponse response, FaultSpec degraded);
    }

    /** Serves one inference request through {@code handler}, with the endpoint's faults applied first. */
    public Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response, Handler handler) {
        Instant receivedAt = Instant.now();
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    JsonNode tree = parse(body);
                    record(request, receivedAt, tree);
                    Fault fault = faults.next();
                    Mono<Void> handled = Mono.defer(() -> fault.refuses() ? handler.refuse(response, fault)
                            : handler.answer(tree, response, fault.spec()));
                    Duration added = fault.spec().addedLatency();
                    return added.isZero() ? handled : Mono.delay(added).then(handled);
                });
    }

    /** Adds a request that is not an inference request (models, unknown paths) to the request log. */
    public void record(HttpServerRequest request, Instant receivedAt, @Nullable JsonNode body) {
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

    /** The deterministic answer to a chat-shaped prompt, at most {@code tokenLimit} tokens. */
    public Completion generate(String model, Prompt prompt, @Nullable Long seed, int tokenLimit) {
        return generator.generate(model, prompt, seed, tokenLimit);
    }

    /** The deterministic answer to a plain text prompt ({@code /v1/completions}). */
    public Completion generate(String model, String prompt, @Nullable Long seed, int tokenLimit) {
        return generator.generate(model, prompt, seed, tokenLimit);
    }

    /**
     * The deterministic call of {@code tool} that answers a chat-shaped prompt; its arguments count as the
     * output tokens, whatever {@code max_tokens} says, as a cut call would be of no use to anyone.
     *
     * @param callId the call's id in the API's form
     */
    public Completion callTool(String callId, Tool tool, Prompt prompt) {
        return Completion.calling(new ToolCall(callId, tool.name(),
                json.writeValueAsString(ToolArguments.forTool(tool, prompt))));
    }

    /** The deterministic unit vector of a text. */
    public float[] embed(String model, String text, int dimensions) {
        return embedder.embed(model, text, dimensions);
    }

    /** What the engine schedules for a chat-shaped prompt: its block chain is keyed by the model or adapter. */
    public SequenceRequest sequence(String model, Prompt prompt, int promptTokens, int outputTokens) {
        return new SequenceRequest(promptTokens, outputTokens,
                PrefixHasher.chain(model, prompt, promptTokens, engine.spec().blockSize()), spec.adapterOf(model));
    }

    /** What the engine schedules for a plain text prompt. */
    public SequenceRequest sequence(String model, String prompt, int promptTokens, int outputTokens) {
        return new SequenceRequest(promptTokens, outputTokens,
                PrefixHasher.chainOfText(model, prompt, promptTokens, engine.spec().blockSize()),
                spec.adapterOf(model));
    }

    /**
     * Runs {@code body} once the requests are admitted to the engine's batch; when the client goes away
     * first, the sequences leave the engine at once (see {@link EngineDriver#run}).
     */
    public <T> Flux<T> run(List<SequenceRequest> requests, Function<List<Sequence>, Publisher<T>> body) {
        return engine.run(requests, body);
    }

    /** Completes at a time on the engine's clock; at once (no timer) when that time has passed. */
    public Mono<Void> delayUntil(long nanos) {
        Duration wait = engine.until(nanos);
        return wait.isZero() ? Mono.empty() : Mono.delay(wait).then();
    }

    /**
     * The tokens of a sequence at the engine's pace: the first at its first-token time (plus any injected slow
     * first token), each further one its time per output token after the previous one.
     */
    public Flux<String> paced(Sequence sequence, List<String> tokens, Duration slowFirstToken) {
        Flux<String> first = delayUntil(sequence.firstTokenAt() + slowFirstToken.toNanos())
                .thenMany(Flux.just(tokens.getFirst()));
        Flux<String> rest = Flux.fromIterable(tokens.subList(1, tokens.size()));
        Duration tpot = Duration.ofNanos(sequence.timePerOutputToken());
        return Flux.concat(first, tpot.isZero() ? rest : rest.delayElements(tpot));
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

    /** A whole JSON body with its length. */
    public static Mono<Void> sendJson(HttpServerResponse response, HttpResponseStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    /**
     * A {@code text/event-stream} of already framed events, each written and flushed on its own. With
     * {@code cutAfterEvents > 0} only that many events are sent and the connection is then closed, as a
     * dropped upstream connection looks to its client: no terminating event. A stream that does not reach its
     * end (cut, or the client went away: Reactor Netty then stops asking for events but completes the send)
     * takes its sequences off the engine at once, as vLLM aborts the request of a closed connection.
     */
    public Mono<Void> sendEvents(HttpServerResponse response, List<Sequence> sequences, Flux<String> frames,
            int cutAfterEvents) {
        AtomicBoolean ended = new AtomicBoolean();
        Flux<ByteBuf> events = frames.doOnComplete(() -> ended.set(true))
                .map(frame -> Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)));
        if (cutAfterEvents > 0) {
            events = events.take(cutAfterEvents);
        }
        Mono<Void> sent = response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send(events, event -> true)
                .then()
                .then(Mono.fromRunnable(() -> {
                    if (!ended.get()) {
                        sequences.forEach(engine::cancel);
                    }
                }));
        if (cutAfterEvents == 0) {
            return sent;
        }
        // A short pause before the close lets the client read the events already sent: closed at once, the close
        // can overtake them in the client's HTTP stack (the JDK client then reports the error, not the events).
        return sent.then(Mono.delay(CUT_GRACE))
                .then(Mono.fromRunnable(() -> response.withConnection(Connection::dispose)));
    }
}
