package io.signalbox.simulator.anthropic;

import java.util.List;
import java.util.UUID;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.engine.Sequence;
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
 * Anthropic's Messages API, {@code POST /v1/messages}, on the shared {@link Inference} path: the same token
 * counts, deterministic text, engine schedule and faults as the OpenAI API, in Anthropic's shapes.
 *
 * <p>Injected faults map to what Anthropic sends: an outage and a 503 error become {@code 529
 * overloaded_error}, a 500 or 502 error becomes that status with {@code api_error}, and a rate limit becomes
 * {@code 429 rate_limit_error} with {@code retry-after}.
 */
public final class AnthropicApi {

    private static final String REQUEST_ID_HEADER = "request-id";

    private final EndpointSpec spec;

    private final Inference inference;

    private final AnthropicWire wire;

    public AnthropicApi(Inference inference) {
        this.spec = inference.spec();
        this.inference = inference;
        this.wire = new AnthropicWire(inference.json());
    }

    /** {@code POST /v1/messages}. */
    public Publisher<Void> messages(HttpServerRequest request, HttpServerResponse response) {
        String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        response.header(REQUEST_ID_HEADER, requestId);
        return inference.serve(request, response, new Inference.Handler() {
            @Override
            public Mono<Void> refuse(HttpServerResponse refused, Fault fault) {
                if (fault.kind() == Fault.Kind.RATE_LIMITED) {
                    refused.header(HttpHeaderNames.RETRY_AFTER,
                            Long.toString(fault.spec().retryAfter().toSeconds()));
                }
                return sendError(refused, fault(fault), requestId);
            }

            @Override
            public Mono<Void> answer(@Nullable JsonNode body, HttpServerResponse answered, FaultSpec degraded) {
                try {
                    if (body == null) {
                        throw AnthropicException.invalidRequest("There was an error parsing the body of your "
                                + "request: it is not valid JSON.");
                    }
                    return respond(MessagesRequest.from(body), answered, degraded);
                }
                catch (AnthropicException ex) {
                    return sendError(answered, ex, requestId);
                }
            }
        });
    }

    private static AnthropicException fault(Fault fault) {
        return switch (fault.kind()) {
            case RATE_LIMITED -> new AnthropicException(429, "rate_limit_error",
                    "Number of requests has exceeded your rate limit (simulated). Please try again later.");
            case OUTAGE -> overloaded();
            default -> fault.spec().errorStatus() == 503 ? overloaded()
                    : new AnthropicException(fault.spec().errorStatus(), "api_error", "Internal server error "
                            + "(simulated).");
        };
    }

    private static AnthropicException overloaded() {
        return new AnthropicException(529, "overloaded_error", "Overloaded (simulated).");
    }

    private Mono<Void> respond(MessagesRequest request, HttpServerResponse response, FaultSpec degraded) {
        if (!spec.serves(request.model())) {
            throw new AnthropicException(404, "not_found_error", "model: " + request.model());
        }
        int promptTokens = TokenCounter.promptTokens(request.prompt());
        if (promptTokens > spec.contextWindow()) {
            throw AnthropicException.invalidRequest("prompt is too long: " + promptTokens + " tokens > "
                    + spec.contextWindow() + " maximum");
        }
        if (promptTokens + request.maxTokens() > spec.contextWindow()) {
            throw AnthropicException.invalidRequest("input length and `max_tokens` exceed context limit: "
                    + promptTokens + " + " + request.maxTokens() + " > " + spec.contextWindow()
                    + ", decrease input length or `max_tokens` and try again");
        }
        Tool tool = request.tool();
        Completion completion = tool == null
                ? inference.generate(request.model(), request.prompt(), null, request.maxTokens())
                : inference.callTool("toolu_" + randomHex(24), tool, request.prompt());
        String id = "msg_" + randomHex(32);
        return inference.run(List.of(inference.sequence(request.model(), request.prompt(), promptTokens,
                completion.completionTokens())), scheduled -> {
                    Sequence run = scheduled.getFirst();
                    if (request.stream()) {
                        return inference.sendEvents(response, scheduled,
                                events(request.model(), id, completion, run, degraded),
                                degraded.streamCutAfterChunks());
                    }
                    return inference.delayUntil(run.finishedAt() + degraded.slowFirstToken().toNanos())
                            .then(Mono.defer(() -> Inference.sendJson(response, HttpResponseStatus.OK,
                                    wire.message(id, request.model(), completion, promptTokens,
                                            run.cachedTokens()))));
                }).then();
    }

    /**
     * {@code message_start}, {@code content_block_start} and {@code ping} with the first token (once prefill is
     * done, as the OpenAI stream sends its role chunk), one {@code content_block_delta} per token at the engine's
     * pace, then {@code content_block_stop}, {@code message_delta} with the stop reason and the final usage,
     * and {@code message_stop}. A {@code tool_use} block streams the same way, its input as
     * {@code input_json_delta} fragments, one per token.
     */
    private Flux<String> events(String model, String id, Completion completion, Sequence scheduled,
            FaultSpec degraded) {
        int promptTokens = scheduled.promptTokens();
        int cachedTokens = scheduled.cachedTokens();
        ToolCall call = completion.toolCall();
        Flux<String> tokens = inference.paced(scheduled, completion.tokens(), degraded.slowFirstToken())
                .index()
                .concatMapIterable(token -> {
                    String delta = call == null ? wire.textDelta(token.getT2()) : wire.inputJsonDelta(token.getT2());
                    if (token.getT1() > 0) {
                        return List.of(delta);
                    }
                    return List.of(wire.messageStart(id, model, promptTokens, cachedTokens),
                            call == null ? wire.contentBlockStart() : wire.toolUseBlockStart(call), wire.ping(), delta);
                });
        Flux<String> tail = Flux.defer(() -> Flux.just(wire.contentBlockStop(),
                wire.messageDelta(completion.finishReason(), promptTokens, cachedTokens,
                        completion.completionTokens()),
                wire.messageStop()));
        return Flux.concat(tokens, tail);
    }

    /** Up to 32 random hex digits, for ids. */
    private static String randomHex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }

    private Mono<Void> sendError(HttpServerResponse response, AnthropicException error, String requestId) {
        return Inference.sendJson(response, status(error.status()), wire.error(error, requestId));
    }

    /** 529 is not a standard status, so Netty has no reason phrase for it; clients read only the code. */
    private static HttpResponseStatus status(int code) {
        return code == 529 ? new HttpResponseStatus(529, "Overloaded") : HttpResponseStatus.valueOf(code);
    }
}
