package io.signalbox.simulator.openai;

import java.util.List;

import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.FinishReason;
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

    /** A whole {@code chat.completion} object. */
    String completion(String id, long created, String model, Completion completion, int promptTokens,
            int cachedTokens) {
        ObjectNode root = header(id, "chat.completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.text());
        message.putNull("refusal");
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

    /** The chunk that ends the choice: empty delta and the finish reason. */
    String finishChunk(String id, long created, String model, FinishReason reason, boolean includeUsage) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
        chunkChoice(root, reason);
        return chunkTail(root, includeUsage);
    }

    /** Sent only for {@code stream_options.include_usage}: no choices, the usage of the whole request. */
    String usageChunk(String id, long created, String model, int promptTokens, int completionTokens,
            int cachedTokens) {
        ObjectNode root = header(id, "chat.completion.chunk", created, model);
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
