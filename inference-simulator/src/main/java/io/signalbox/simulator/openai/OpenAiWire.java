package io.signalbox.simulator.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.FinishReason;
import io.signalbox.simulator.generation.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's JSON shapes, written field by field so the wire form is explicit and reviewable: the fields the
 * OpenAI SDKs read, in OpenAI's order, with OpenAI's explicit {@code null}s (a client that checks for a present
 * {@code "usage": null} or {@code "logprobs": null} sees them).
 */
final class OpenAiWire {

    static final String OWNED_BY = "signalbox-simulator";

    private final JsonMapper json;

    private final String systemFingerprint;

    /**
     * @param json the mapper used to read and write bodies
     * @param systemFingerprint identifies the endpoint's configuration, which OpenAI ties to determinism
     */
    OpenAiWire(JsonMapper json, String systemFingerprint) {
        this.json = json;
        this.systemFingerprint = systemFingerprint;
    }

    /** A whole {@code chat.completion} object; a tool call has {@code "content": null} and its one call. */
    String completion(String id, long created, String model, Completion completion, int promptTokens,
            int cachedTokens) {
        ObjectNode root = header(id, "chat.completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        ToolCall call = completion.toolCall();
        message.put("content", call == null ? completion.text() : null);
        message.putNull("refusal");
        if (call != null) {
            ObjectNode toolCall = message.putArray("tool_calls").addObject();
            toolCall.put("id", call.id());
            toolCall.put("type", "function");
            ObjectNode function = toolCall.putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.arguments());
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", completion.finishReason().wireValue());
        root.set("usage", usage(promptTokens, completion.completionTokens(), cachedTokens));
        root.put("system_fingerprint", systemFingerprint);
        return json.writeValueAsString(root);
    }

    /** The first chunk of a stream: announces the assistant role with empty content. */
    String roleChunk(String id, long created, String model, boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        ObjectNode delta = chunkChoice(root, null);
        delta.put("role", "assistant");
        delta.put("content", "");
        return chunkTail(root, includeUsage);
    }

    /** One generated token. */
    String contentChunk(String id, long created, String model, String token, boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        chunkChoice(root, null).put("content", token);
        return chunkTail(root, includeUsage);
    }

    /**
     * The first chunk of a streamed tool call: the assistant role, {@code "content": null} and the call's index,
     * id, type and name with empty arguments.
     */
    String toolCallChunk(String id, long created, String model, ToolCall call, boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        ObjectNode delta = chunkChoice(root, null);
        delta.put("role", "assistant");
        delta.putNull("content");
        ObjectNode toolCall = delta.putArray("tool_calls").addObject();
        toolCall.put("index", 0);
        toolCall.put("id", call.id());
        toolCall.put("type", "function");
        ObjectNode function = toolCall.putObject("function");
        function.put("name", call.name());
        function.put("arguments", "");
        return chunkTail(root, includeUsage);
    }

    /** One fragment of the streamed tool call's arguments; the client concatenates them. */
    String argumentsChunk(String id, long created, String model, String fragment, boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        ObjectNode toolCall = chunkChoice(root, null).putArray("tool_calls").addObject();
        toolCall.put("index", 0);
        toolCall.putObject("function").put("arguments", fragment);
        return chunkTail(root, includeUsage);
    }

    /** The chunk that ends the choice: empty delta and the finish reason. */
    String finishChunk(String id, long created, String model, FinishReason reason, boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        chunkChoice(root, reason);
        return chunkTail(root, includeUsage);
    }

    /** Sent only for {@code stream_options.include_usage}: no choices, the usage of the whole request. */
    String usageChunk(String id, long created, String model, int promptTokens, int completionTokens,
            int cachedTokens) {
        return usageChunk("chat.completion.chunk", id, created, model, promptTokens, completionTokens, cachedTokens);
    }

    /** A whole {@code text_completion} object: one choice per prompt, in prompt order. */
    String textCompletion(String id, long created, String model, List<Completion> completions, int promptTokens,
            int cachedTokens) {
        ObjectNode root = header(id, "text_completion", created, model);
        ArrayNode choices = root.putArray("choices");
        int completionTokens = 0;
        for (int index = 0; index < completions.size(); index++) {
            Completion completion = completions.get(index);
            textChoice(choices, index, completion.text(), completion.finishReason());
            completionTokens += completion.completionTokens();
        }
        root.set("usage", usage(promptTokens, completionTokens, cachedTokens));
        root.put("system_fingerprint", systemFingerprint);
        return json.writeValueAsString(root);
    }

    /**
     * One chunk of a streamed text completion: a token of choice {@code index}, or, with a finish reason, the
     * empty text that ends that choice.
     */
    String textChunk(String id, long created, String model, int index, String text, @Nullable FinishReason reason,
            boolean includeUsage) {
        ObjectNode root = header(id, "text_completion", created, model);
        textChoice(root.putArray("choices"), index, text, reason);
        return chunkTail(root, includeUsage);
    }

    /** The final usage chunk of a streamed text completion. */
    String textUsageChunk(String id, long created, String model, int promptTokens, int completionTokens,
            int cachedTokens) {
        return usageChunk("text_completion", id, created, model, promptTokens, completionTokens, cachedTokens);
    }

    /**
     * {@code {"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}}; each
     * vector as a JSON array of floats or, for {@code encoding_format: "base64"}, as the base64 of its
     * little-endian float32 bytes.
     */
    String embeddings(String model, List<float[]> vectors, boolean base64, int promptTokens) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int index = 0; index < vectors.size(); index++) {
            float[] vector = vectors.get(index);
            ObjectNode entry = data.addObject();
            entry.put("object", "embedding");
            entry.put("index", index);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float component : vector) {
                    bytes.putFloat(component);
                }
                entry.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            }
            else {
                ArrayNode components = entry.putArray("embedding");
                for (float component : vector) {
                    components.add(component);
                }
            }
        }
        root.put("model", model);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return json.writeValueAsString(root);
    }

    private static void textChoice(ArrayNode choices, int index, String text, @Nullable FinishReason reason) {
        ObjectNode choice = choices.addObject();
        choice.put("text", text);
        choice.put("index", index);
        choice.putNull("logprobs");
        choice.put("finish_reason", reason == null ? null : reason.wireValue());
    }

    private String usageChunk(String object, String id, long created, String model, int promptTokens,
            int completionTokens, int cachedTokens) {
        ObjectNode root = header(id, object, created, model);
        root.putArray("choices");
        root.put("system_fingerprint", systemFingerprint);
        root.set("usage", usage(promptTokens, completionTokens, cachedTokens));
        return json.writeValueAsString(root);
    }

    /** {@code GET /v1/models}; {@code max_model_len} is vLLM's extension, which routers read. */
    String models(List<String> models, long created, int contextWindow) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String model : models) {
            ObjectNode entry = data.addObject();
            entry.put("id", model);
            entry.put("object", "model");
            entry.put("created", created);
            entry.put("owned_by", OWNED_BY);
            entry.put("max_model_len", contextWindow);
        }
        return json.writeValueAsString(root);
    }

    /** {@code {"error":{"message","type","param","code"}}}. */
    String error(OpenAiException error) {
        ObjectNode root = json.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.getMessage());
        body.put("type", error.type());
        body.put("param", error.param());
        body.put("code", error.code());
        return json.writeValueAsString(root);
    }

    private ObjectNode header(String id, String object, long created, String model) {
        ObjectNode root = json.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    private static ObjectNode chunkChoice(ObjectNode root, @Nullable FinishReason reason) {
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", reason == null ? null : reason.wireValue());
        return delta;
    }

    /** With {@code include_usage}, every chunk but the last carries {@code "usage": null}, as OpenAI sends. */
    private String chunkTail(ObjectNode root, boolean includeUsage) {
        root.put("system_fingerprint", systemFingerprint);
        if (includeUsage) {
            root.putNull("usage");
        }
        return json.writeValueAsString(root);
    }

    private ObjectNode usage(int promptTokens, int completionTokens, int cachedTokens) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        return usage;
    }
}
