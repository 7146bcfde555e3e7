package io.signalbox.simulator.openai;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.Sequence;
import io.signalbox.simulator.engine.SequenceRequest;
import io.signalbox.simulator.faults.FaultInjector.Fault;
import io.signalbox.simulator.faults.FaultSpec;
import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.TokenCounter;
import io.signalbox.simulator.generation.Tool;
import io.signalbox.simulator.generation.ToolCall;
import io.signalbox.simulator.inference.Inference;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI-compatible handlers of one endpoint: chat completions, legacy text completions, embeddings and
 * the model list. The shared {@link Inference} path does the faults, generation, engine scheduling and
 * pacing; this class only reads OpenAI's requests and writes OpenAI's shapes.
 */
public final class OpenAiApi {

    private final EndpointSpec spec;

    private final Inference inference;

    private final OpenAiWire wire;

    private final long startedAt;

    public OpenAiApi(Inference inference) {
        this.spec = inference.spec();
        this.inference = inference;
        this.wire = new OpenAiWire(inference.json(), "fp_" + HexFormat.of().toHexDigits(spec.seed()));
        this.startedAt = Instant.now().getEpochSecond();
    }

    /** {@code POST /v1/chat/completions}. */
    public Publisher<Void> chatCompletions(HttpServerRequest request, HttpServerResponse response) {
        return inference.serve(request, response, handler((body, degraded) ->
                chat(ChatCompletionRequest.from(requireBody(body)), response, degraded)));
    }

    /** {@code POST /v1/completions}: legacy text completions. */
    public Publisher<Void> completions(HttpServerRequest request, HttpServerResponse response) {
        return inference.serve(request, response, handler((body, degraded) ->
                text(CompletionRequest.from(requireBody(body)), response, degraded)));
    }

    /** {@code POST /v1/embeddings}. */
    public Publisher<Void> embeddings(HttpServerRequest request, HttpServerResponse response) {
        return inference.serve(request, response, handler((body, degraded) ->
                embed(EmbeddingRequest.from(requireBody(body)), response, degraded)));
    }

    /** {@code GET /v1/models}: the models this endpoint serves. */
    public Publisher<Void> models(HttpServerRequest request, HttpServerResponse response) {
        inference.record(request, Instant.now(), null);
        return Inference.sendJson(response, HttpResponseStatus.OK,
                wire.models(spec.servedModels(), startedAt, spec.contextWindow()));
    }

    /** Any other path: OpenAI's 404 for an unknown URL. */
    public Publisher<Void> invalidUrl(HttpServerRequest request, HttpServerResponse response) {
        inference.record(request, Instant.now(), null);
        return sendError(response, new OpenAiException(404, OpenAiException.INVALID_REQUEST,
                "Invalid URL (" + request.method().name() + " " + request.fullPath() + ")", null, null));
    }

    /** How one OpenAI endpoint answers a request that the faults let through. */
    @FunctionalInterface
    private interface Answer {
        Mono<Void> answer(@Nullable JsonNode body, FaultSpec degraded);
    }

    /** OpenAI's refusals for injected faults, and OpenAI's error body for a refused request. */
    private Inference.Handler handler(Answer answer) {
        return new Inference.Handler() {
            @Override
            public Mono<Void> refuse(HttpServerResponse response, Fault fault) {
                return sendFault(response, fault);
            }

            @Override
            public Mono<Void> answer(@Nullable JsonNode body, HttpServerResponse response, FaultSpec degraded) {
                return guarded(response, () -> answer.answer(body, degraded));
            }
        };
    }

    private Mono<Void> guarded(HttpServerResponse response, Supplier<Mono<Void>> answer) {
        try {
            return answer.get();
        }
        catch (OpenAiException ex) {
            return sendError(response, ex);
        }
    }

    private static JsonNode requireBody(@Nullable JsonNode body) {
        if (body == null) {
            throw OpenAiException.invalidRequest("We could not parse the JSON body of your request. The API expects "
                    + "a JSON payload, but what was sent was not valid JSON.", null, null);
        }
        return body;
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

    private void requireServed(String model) {
        if (!spec.serves(model)) {
            throw new OpenAiException(404, OpenAiException.INVALID_REQUEST, "The model `" + model
                    + "` does not exist or you do not have access to it.", null, "model_not_found");
        }
    }

    private Mono<Void> chat(ChatCompletionRequest request, HttpServerResponse response, FaultSpec degraded) {
        requireServed(request.model());
        int promptTokens = TokenCounter.promptTokens(request.prompt());
        Integer maxTokens = request.maxTokens();
        if (promptTokens + (maxTokens == null ? 1 : maxTokens) > spec.contextWindow()) {
            throw OpenAiException.invalidRequest(chatContextMessage(promptTokens, maxTokens), "messages",
                    "context_length_exceeded");
        }
        int tokenLimit = maxTokens == null ? spec.contextWindow() - promptTokens : maxTokens;
        Tool tool = request.tool();
        Completion completion = tool == null
                ? inference.generate(request.model(), request.prompt(), request.seed(), tokenLimit)
                : inference.callTool("call_" + randomHex(24), tool, request.prompt());
        String id = "chatcmpl-" + randomHex(32);
        long created = Instant.now().getEpochSecond();
        SequenceRequest sequence = inference.sequence(request.model(), request.prompt(), promptTokens,
                completion.completionTokens());
        return inference.run(List.of(sequence), scheduled -> {
            Sequence run = scheduled.getFirst();
            if (request.stream()) {
                return inference.sendEvents(response, scheduled,
                        chatEvents(request, id, created, completion, run, degraded), degraded.streamCutAfterChunks());
            }
            return inference.delayUntil(run.finishedAt() + degraded.slowFirstToken().toNanos())
                    .then(Mono.defer(() -> Inference.sendJson(response, HttpResponseStatus.OK,
                            wire.completion(id, created, request.model(), completion, promptTokens,
                                    run.cachedTokens()))));
        }).then();
    }

    private String chatContextMessage(int promptTokens, @Nullable Integer maxTokens) {
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
     * token after TPOT each, then the finish chunk, the optional usage chunk and {@code [DONE]}. A tool call
     * streams the same way: its opening chunk (role, id, name) in place of the role chunk, and a fragment of its
     * arguments per token.
     */
    private Flux<String> chatEvents(ChatCompletionRequest request, String id, long created, Completion completion,
            Sequence scheduled, FaultSpec degraded) {
        String model = request.model();
        boolean includeUsage = request.includeUsage();
        ToolCall call = completion.toolCall();
        Flux<String> tokens = inference.paced(scheduled, completion.tokens(), degraded.slowFirstToken())
                .index()
                .concatMapIterable(token -> {
                    String piece = call == null ? wire.contentChunk(id, created, model, token.getT2(), includeUsage)
                            : wire.argumentsChunk(id, created, model, token.getT2(), includeUsage);
                    if (token.getT1() > 0) {
                        return List.of(piece);
                    }
                    return List.of(call == null ? wire.roleChunk(id, created, model, includeUsage)
                            : wire.toolCallChunk(id, created, model, call, includeUsage), piece);
                });
        Flux<String> tail = Flux.defer(() -> {
            List<String> chunks = new ArrayList<>(3);
            chunks.add(wire.finishChunk(id, created, model, completion.finishReason(), includeUsage));
            if (includeUsage) {
                chunks.add(wire.usageChunk(id, created, model, scheduled.promptTokens(),
                        completion.completionTokens(), scheduled.cachedTokens()));
            }
            chunks.add("[DONE]");
            return Flux.fromIterable(chunks);
        });
        return Flux.concat(tokens, tail).map(OpenAiApi::frame);
    }

    /** Legacy completions: every prompt is a sequence of its own and gets a choice of its own. */
    private Mono<Void> text(CompletionRequest request, HttpServerResponse response, FaultSpec degraded) {
        requireServed(request.model());
        List<String> prompts = request.prompts();
        int[] promptTokens = new int[prompts.size()];
        List<Completion> completions = new ArrayList<>(prompts.size());
        List<SequenceRequest> sequences = new ArrayList<>(prompts.size());
        for (int index = 0; index < prompts.size(); index++) {
            String prompt = prompts.get(index);
            promptTokens[index] = Math.max(1, TokenCounter.textTokens(prompt));
            if (promptTokens[index] + request.maxTokens() > spec.contextWindow()) {
                throw OpenAiException.invalidRequest("This model's maximum context length is " + spec.contextWindow()
                        + " tokens, however you requested " + (promptTokens[index] + request.maxTokens())
                        + " tokens (" + promptTokens[index] + " in your prompt; " + request.maxTokens()
                        + " for the completion). Please reduce your prompt; or completion length.", "prompt",
                        "context_length_exceeded");
            }
            Completion completion = inference.generate(request.model(), prompt, request.seed(), request.maxTokens());
            completions.add(completion);
            sequences.add(inference.sequence(request.model(), prompt, promptTokens[index],
                    completion.completionTokens()));
        }
        String id = "cmpl-" + randomHex(32);
        long created = Instant.now().getEpochSecond();
        int promptTotal = sum(promptTokens);
        return inference.run(sequences, scheduled -> {
            if (request.stream()) {
                Flux<String> events = textEvents(request, id, created, completions, scheduled, promptTotal, degraded);
                return inference.sendEvents(response, scheduled, events, degraded.streamCutAfterChunks());
            }
            long finishedAt = scheduled.stream().mapToLong(Sequence::finishedAt).max().orElseThrow();
            return inference.delayUntil(finishedAt + degraded.slowFirstToken().toNanos())
                    .then(Mono.defer(() -> Inference.sendJson(response, HttpResponseStatus.OK,
                            wire.textCompletion(id, created, request.model(), completions, promptTotal,
                                    cachedTokens(scheduled)))));
        }).then();
    }

    /**
     * Each choice's tokens at its own sequence's pace, each choice ended by an empty chunk with its finish
     * reason (as OpenAI ends a streamed text completion), then the optional usage chunk and {@code [DONE]}.
     */
    private Flux<String> textEvents(CompletionRequest request, String id, long created, List<Completion> completions,
            List<Sequence> scheduled, int promptTokens, FaultSpec degraded) {
        String model = request.model();
        boolean includeUsage = request.includeUsage();
        List<Flux<String>> choices = new ArrayList<>(completions.size());
        for (int index = 0; index < completions.size(); index++) {
            int choice = index;
            Completion completion = completions.get(index);
            Flux<String> tokens = inference.paced(scheduled.get(index), completion.tokens(), degraded.slowFirstToken())
                    .map(token -> wire.textChunk(id, created, model, choice, token, null, includeUsage));
            choices.add(Flux.concat(tokens, Flux.defer(() -> Flux.just(wire.textChunk(id, created, model, choice,
                    "", completion.finishReason(), includeUsage)))));
        }
        Flux<String> tail = Flux.defer(() -> {
            List<String> chunks = new ArrayList<>(2);
            if (includeUsage) {
                int completionTokens = completions.stream().mapToInt(Completion::completionTokens).sum();
                chunks.add(wire.textUsageChunk(id, created, model, promptTokens, completionTokens,
                        cachedTokens(scheduled)));
            }
            chunks.add("[DONE]");
            return Flux.fromIterable(chunks);
        });
        return Flux.concat(Flux.merge(choices), tail).map(OpenAiApi::frame);
    }

    /**
     * Embeddings: every input is a prefill-only sequence (no output tokens); the vectors are sent once the
     * last prefill ends.
     */
    private Mono<Void> embed(EmbeddingRequest request, HttpServerResponse response, FaultSpec degraded) {
        requireServed(request.model());
        Integer requested = request.dimensions();
        if (requested != null && requested > spec.embeddingDimensions()) {
            throw OpenAiException.invalidRequest("Invalid 'dimensions': this model's embeddings have at most "
                    + spec.embeddingDimensions() + " dimensions, but " + requested + " were requested.",
                    "dimensions", "invalid_value");
        }
        List<String> inputs = request.inputs();
        List<SequenceRequest> sequences = new ArrayList<>(inputs.size());
        int promptTokens = 0;
        for (String input : inputs) {
            int tokens = TokenCounter.textTokens(input);
            if (tokens > spec.contextWindow()) {
                throw OpenAiException.invalidRequest("This model's maximum context length is " + spec.contextWindow()
                        + " tokens, however you requested " + tokens + " tokens (" + tokens + " in your prompt; 0 "
                        + "for the completion). Please reduce your prompt; or completion length.", "input",
                        "context_length_exceeded");
            }
            promptTokens += tokens;
            sequences.add(inference.sequence(request.model(), input, tokens, 0));
        }
        int dimensions = requested == null ? spec.embeddingDimensions() : requested;
        int usage = promptTokens;
        return inference.run(sequences, scheduled -> {
            long readyAt = scheduled.stream().mapToLong(Sequence::firstTokenAt).max().orElseThrow();
            return inference.delayUntil(readyAt + degraded.slowFirstToken().toNanos())
                    .then(Mono.defer(() -> Inference.sendJson(response, HttpResponseStatus.OK,
                            wire.embeddings(request.model(), vectors(request, dimensions), request.base64(), usage))));
        }).then();
    }

    /** A shortened vector is the full one's prefix scaled back to length 1, as OpenAI shortens embeddings. */
    private List<float[]> vectors(EmbeddingRequest request, int dimensions) {
        List<float[]> vectors = new ArrayList<>(request.inputs().size());
        for (String input : request.inputs()) {
            float[] full = inference.embed(request.model(), input, spec.embeddingDimensions());
            if (dimensions == full.length) {
                vectors.add(full);
                continue;
            }
            double squares = 0;
            for (int index = 0; index < dimensions; index++) {
                squares += (double) full[index] * full[index];
            }
            double norm = Math.sqrt(squares);
            float[] shortened = new float[dimensions];
            for (int index = 0; index < dimensions; index++) {
                shortened[index] = (float) (full[index] / norm);
            }
            vectors.add(shortened);
        }
        return vectors;
    }

    private static int cachedTokens(List<Sequence> scheduled) {
        return scheduled.stream().mapToInt(Sequence::cachedTokens).sum();
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }

    /** Up to 32 random hex digits, for ids. */
    private static String randomHex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }

    private static String frame(String data) {
        return "data: " + data + "\n\n";
    }

    private Mono<Void> sendError(HttpServerResponse response, OpenAiException error) {
        return Inference.sendJson(response, HttpResponseStatus.valueOf(error.status()), wire.error(error));
    }
}
