package io.signalbox.gateway.proxy;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.gateway.openai.OpenAiRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Puts OpenTelemetry's GenAI attributes on the request's server span: what was asked for as soon as routing has
 * decided ({@code gen_ai.operation.name}, {@code gen_ai.request.model}, route, policy), what answered and what it
 * cost in tokens when the request ends ({@code gen_ai.response.model}, {@code gen_ai.provider.name},
 * {@code gen_ai.usage.*}). They are high-cardinality key values of the server observation: traces get them,
 * metrics do not. Prompt and answer ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) are attached
 * only when an operator turns {@code signalbox.gateway.tracing.capture-content} on.
 *
 * <p>Only sampled requests are tagged, so the 90 % of requests that are not traced pay nothing for it.
 */
final class GenAiSpanAttributes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GenAiSpanAttributes() {
    }

    /** Tags what the client asked for and how it was routed; called once the decision is known. */
    static void requested(ProxyExchange exchange) {
        Observation observation = exchange.sampledObservation();
        OpenAiRequest request = exchange.request;
        if (observation == null || request == null) {
            return;
        }
        observation.highCardinalityKeyValue("gen_ai.operation.name", operationName(exchange.operation));
        observation.highCardinalityKeyValue("gen_ai.request.model", request.model());
        if (request.maxTokens() != null) {
            observation.highCardinalityKeyValue("gen_ai.request.max_tokens", request.maxTokens().toString());
        }
        observation.highCardinalityKeyValue("signalbox.request.id", exchange.requestId);
        observation.highCardinalityKeyValue("signalbox.stream", Boolean.toString(request.stream()));
        if (exchange.capturesContent()) {
            JsonNode input = request.body().get(switch (request.operation()) {
                case CHAT_COMPLETIONS -> "messages";
                case COMPLETIONS -> "prompt";
                case EMBEDDINGS -> "input";
            });
            if (input != null) {
                observation.highCardinalityKeyValue("gen_ai.input.messages",
                        cut(input.toString(), exchange.captureContentChars));
            }
        }
        DecisionResponse decision = exchange.decision;
        if (decision != null) {
            observation.highCardinalityKeyValue("signalbox.decision.id", decision.decisionId());
            observation.highCardinalityKeyValue("signalbox.policy", decision.policy());
            if (decision.routeAlias() != null) {
                observation.highCardinalityKeyValue("signalbox.route", decision.routeAlias());
            }
        }
    }

    /**
     * Tags the outcome: the target that answered, the token counts and, for failed or cut requests, the error
     * class. Called when the request ends, before the server span does (streams end their span after this).
     */
    static void finished(ProxyExchange exchange) {
        Observation observation = exchange.sampledObservation();
        if (observation == null) {
            return;
        }
        requested(exchange);
        DecisionTarget served = exchange.served;
        if (served != null) {
            observation.highCardinalityKeyValue("gen_ai.response.model", served.modelName());
            observation.highCardinalityKeyValue("gen_ai.provider.name", served.providerId());
            observation.highCardinalityKeyValue("signalbox.upstream.model", served.upstreamModel());
            if (served.endpointId() != null) {
                observation.highCardinalityKeyValue("signalbox.endpoint", served.endpointId());
            }
        }
        TokenUsage usage = exchange.usage;
        tagCount(observation, "gen_ai.usage.input_tokens", usage.promptTokens());
        tagCount(observation, "gen_ai.usage.output_tokens", usage.completionTokens());
        tagCount(observation, "gen_ai.usage.cache_read.input_tokens", usage.cachedPromptTokens());
        if (usage.promptTokens() != null || usage.completionTokens() != null) {
            observation.highCardinalityKeyValue("signalbox.usage.estimated", Boolean.toString(usage.estimated()));
        }
        observation.highCardinalityKeyValue("signalbox.attempts", Integer.toString(exchange.attemptCount()));
        if (exchange.errorClass != null) {
            observation.highCardinalityKeyValue(KeyValue.of("error.type", exchange.errorClass));
        }
        if (exchange.interrupted) {
            observation.highCardinalityKeyValue("signalbox.interrupted", "true");
        }
        if (exchange.capturesContent() && exchange.capturedOutput != null) {
            observation.highCardinalityKeyValue("gen_ai.output.messages",
                    cut(exchange.capturedOutput, exchange.captureContentChars));
        }
    }

    /**
     * The answer's messages ({@code choices[].message}, or the text of a completion) as JSON, from an OpenAI-shaped
     * response body; null when it has none (embeddings, errors, a body that is not JSON).
     */
    static @Nullable String outputMessages(byte[] body) {
        try {
            JsonNode choices = JSON.readTree(body).path("choices");
            if (!choices.isArray() || choices.isEmpty()) {
                return null;
            }
            ArrayNode messages = JSON.createArrayNode();
            for (JsonNode choice : choices) {
                if (choice.has("message")) {
                    messages.add(choice.get("message"));
                }
                else if (choice.has("text")) {
                    messages.addObject().put("role", "assistant").put("content", choice.get("text").asString());
                }
            }
            return messages.isEmpty() ? null : messages.toString();
        }
        catch (JacksonException notJson) {
            return null;
        }
    }

    /** A streamed answer's text as {@code gen_ai.output.messages} JSON. */
    static String outputMessages(String streamedText) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "assistant").put("content", streamedText);
        return messages.toString();
    }

    /** At most {@code max} characters, marked when cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…[truncated]";
    }

    /** OpenTelemetry's {@code gen_ai.operation.name} for the gateway's operation names. */
    static String operationName(String operation) {
        return switch (operation) {
            case "chat.completions", "messages" -> "chat";
            case "completions" -> "text_completion";
            case "embeddings" -> "embeddings";
            default -> operation;
        };
    }

    private static void tagCount(Observation observation, String key, @Nullable Integer count) {
        if (count != null) {
            observation.highCardinalityKeyValue(key, count.toString());
        }
    }
}
