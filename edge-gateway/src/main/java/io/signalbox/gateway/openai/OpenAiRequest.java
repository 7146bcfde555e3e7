package io.signalbox.gateway.openai;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.signalbox.contracts.decision.DecisionRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client's OpenAI request body (chat completion, completion or embeddings): validated just enough to route
 * it, and otherwise passed to the upstream untouched (tools, response_format and unknown fields included).
 *
 * @param includeUsageRequested whether the client itself asked for the final usage chunk of a stream
 */
public record OpenAiRequest(
        Operation operation,
        ObjectNode body,
        String model,
        boolean stream,
        boolean includeUsageRequested,
        @Nullable Integer maxTokens,
        int estimatedPromptTokens,
        Set<String> requiredCapabilities,
        @Nullable String user) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static OpenAiRequest parse(Operation operation, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        }
        catch (JacksonException ex) {
            throw OpenAiException.invalidRequest(null, null,
                    "We could not parse the JSON body of your request: " + ex.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode body)) {
            throw OpenAiException.invalidRequest(null, null, "The request body must be a JSON object.");
        }
        JsonNode model = body.path("model");
        if (!model.isString() || model.asString().isBlank()) {
            throw OpenAiException.invalidRequest("missing_required_parameter", "model",
                    "You must provide a model parameter.");
        }
        int promptTokens = switch (operation) {
            case CHAT_COMPLETIONS -> TokenEstimator.estimateMessages(required(body, "messages",
                    "'messages' must be a non-empty array of messages."));
            case COMPLETIONS -> TokenEstimator.estimateInput(textOrTokens(body, "prompt"));
            case EMBEDDINGS -> TokenEstimator.estimateInput(textOrTokens(body, "input"));
        };
        JsonNode stream = body.path("stream");
        if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
            throw OpenAiException.invalidRequest("invalid_type", "stream", "'stream' must be a boolean.");
        }
        return new OpenAiRequest(operation, body, model.asString(), operation.streamable() && stream.asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false), maxTokens(body), promptTokens,
                capabilities(operation, body), body.path("user").isString() ? body.path("user").asString() : null);
    }

    private static JsonNode required(ObjectNode body, String field, String message) {
        JsonNode value = body.path(field);
        if (!value.isArray() || value.isEmpty()) {
            throw OpenAiException.invalidRequest("missing_required_parameter", field, message);
        }
        return value;
    }

    /** A string, or a non-empty array of strings, of token ids, or of token-id arrays. */
    private static JsonNode textOrTokens(ObjectNode body, String field) {
        JsonNode value = body.path(field);
        boolean valid = value.isString() || value.isArray() && !value.isEmpty() && allElements(value);
        if (!valid) {
            throw OpenAiException.invalidRequest(value.isMissingNode() ? "missing_required_parameter" : "invalid_type",
                    field, "'" + field + "' must be a string, or a non-empty array of strings or token ids.");
        }
        return value;
    }

    private static boolean allElements(JsonNode array) {
        for (JsonNode element : array) {
            boolean tokenArray = element.isArray() && !element.isEmpty();
            if (tokenArray) {
                for (JsonNode token : element) {
                    if (!token.isIntegralNumber()) {
                        return false;
                    }
                }
            }
            else if (!element.isString() && !element.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Integer maxTokens(ObjectNode body) {
        for (String field : new String[] { "max_completion_tokens", "max_tokens" }) {
            JsonNode value = body.path(field);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (!value.isIntegralNumber() || value.asInt() < 1) {
                throw OpenAiException.invalidRequest("invalid_value", field, "'" + field + "' must be a positive integer.");
            }
            return value.asInt();
        }
        return null;
    }

    private static Set<String> capabilities(Operation operation, ObjectNode body) {
        Set<String> needed = new LinkedHashSet<>();
        switch (operation) {
            case COMPLETIONS -> needed.add("completion");
            case EMBEDDINGS -> needed.add("embeddings");
            case CHAT_COMPLETIONS -> {
                needed.add("chat");
                if (body.path("tools").isArray() && !body.path("tools").isEmpty() || body.has("functions")) {
                    needed.add("tools");
                }
                if ("json_schema".equals(body.path("response_format").path("type").asString(""))) {
                    needed.add("json_schema");
                }
                for (JsonNode message : body.path("messages")) {
                    for (JsonNode part : message.path("content")) {
                        if ("image_url".equals(part.path("type").asString(""))) {
                            needed.add("vision");
                        }
                    }
                }
            }
        }
        return needed;
    }

    /** The same request asking for a whole answer: streams off, for calls whose answer nobody reads live. */
    public OpenAiRequest wholeAnswer() {
        if (!stream && !body.has("stream")) {
            return this;
        }
        ObjectNode copy = body.deepCopy();
        copy.remove("stream");
        copy.remove("stream_options");
        return new OpenAiRequest(operation, copy, model, false, false, maxTokens, estimatedPromptTokens,
                requiredCapabilities, user);
    }

    /**
     * The body to send upstream: the upstream's own model id, and for streams the final usage chunk
     * always requested, because usage must be recorded even when the client did not ask for it.
     */
    public byte[] upstreamBody(String upstreamModel) {
        ObjectNode copy = body.deepCopy();
        copy.put("model", upstreamModel);
        if (stream) {
            JsonNode options = copy.path("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode existing ? existing : copy.putObject("stream_options");
            streamOptions.put("include_usage", true);
        }
        return JSON.writeValueAsBytes(copy);
    }

    /**
     * The prompt as plain-text messages for routing (complexity and semantic policies, the sensitive-data
     * filter), at most {@code maxChars} characters: system messages first, then the latest turns that fit,
     * in conversation order. Non-text parts (images) are left out. Completions and embeddings give their
     * prompt or input as one user message.
     */
    public List<DecisionRequest.PromptMessage> routingPrompt(int maxChars) {
        List<DecisionRequest.PromptMessage> all = new ArrayList<>();
        switch (operation) {
            case CHAT_COMPLETIONS -> {
                for (JsonNode message : body.path("messages")) {
                    all.add(new DecisionRequest.PromptMessage(message.path("role").asString("user"),
                            text(message.path("content"))));
                }
            }
            case COMPLETIONS -> all.add(new DecisionRequest.PromptMessage("user", text(body.path("prompt"))));
            case EMBEDDINGS -> all.add(new DecisionRequest.PromptMessage("user", text(body.path("input"))));
        }
        int budget = maxChars;
        List<DecisionRequest.PromptMessage> system = new ArrayList<>();
        for (DecisionRequest.PromptMessage message : all) {
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                DecisionRequest.PromptMessage kept = truncate(message, Math.min(budget, maxChars / 2));
                system.add(kept);
                budget -= kept.content().length();
            }
        }
        List<DecisionRequest.PromptMessage> latest = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && budget > 0; i--) {
            DecisionRequest.PromptMessage message = all.get(i);
            if (!"system".equals(message.role()) && !"developer".equals(message.role())) {
                DecisionRequest.PromptMessage kept = truncate(message, budget);
                latest.addFirst(kept);
                budget -= kept.content().length();
            }
        }
        List<DecisionRequest.PromptMessage> prompt = new ArrayList<>(system);
        prompt.addAll(latest);
        return prompt;
    }

    private static DecisionRequest.PromptMessage truncate(DecisionRequest.PromptMessage message, int maxChars) {
        String content = message.content();
        return content.length() <= maxChars ? message
                : new DecisionRequest.PromptMessage(message.role(), content.substring(0, Math.max(0, maxChars)));
    }

    /** The text of a content value: a string, or the text parts of an array, or strings of an array. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                String piece = part.isString() ? part.asString() : part.path("text").asString("");
                if (!piece.isEmpty()) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(piece);
                }
            }
        }
        return text.toString();
    }
}
