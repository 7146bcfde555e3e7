package io.signalbox.simulator.anthropic;

import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.FinishReason;
import io.signalbox.simulator.generation.ToolCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API shapes, field by field in Anthropic's order. Usage follows Anthropic's accounting:
 * {@code input_tokens} are the prompt tokens not read from the cache, so {@code input_tokens +
 * cache_creation_input_tokens + cache_read_input_tokens} is the whole prompt; the simulator's prefix cache is
 * automatic, so nothing is ever billed as cache creation.
 */
final class AnthropicWire {

    private final JsonMapper json;

    AnthropicWire(JsonMapper json) {
        this.json = json;
    }

    /** A whole {@code message}: one text or {@code tool_use} block, the stop reason and the usage. */
    String message(String id, String model, Completion completion, int promptTokens, int cachedTokens) {
        ObjectNode root = messageHeader(id, model);
        ObjectNode block = root.putArray("content").addObject();
        ToolCall call = completion.toolCall();
        if (call == null) {
            block.put("type", "text");
            block.put("text", completion.text());
        }
        else {
            toolUse(block, call, json.readTree(call.arguments()));
        }
        root.put("stop_reason", stopReason(completion.finishReason()));
        root.putNull("stop_sequence");
        root.set("usage", usage(promptTokens, cachedTokens, completion.completionTokens()));
        return json.writeValueAsString(root);
    }

    /** {@code message_start}: the message with no content yet and the usage so far (one output token). */
    String messageStart(String id, String model, int promptTokens, int cachedTokens) {
        ObjectNode message = messageHeader(id, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(promptTokens, cachedTokens, 1));
        ObjectNode root = event("message_start");
        root.set("message", message);
        return frame("message_start", root);
    }

    /** {@code content_block_start} of the one text block, empty. */
    String contentBlockStart() {
        ObjectNode root = event("content_block_start");
        root.put("index", 0);
        ObjectNode block = root.putObject("content_block");
        block.put("type", "text");
        block.put("text", "");
        return frame("content_block_start", root);
    }

    /** {@code content_block_start} of the one {@code tool_use} block, with the empty input its deltas fill. */
    String toolUseBlockStart(ToolCall call) {
        ObjectNode root = event("content_block_start");
        root.put("index", 0);
        toolUse(root.putObject("content_block"), call, json.createObjectNode());
        return frame("content_block_start", root);
    }

    String ping() {
        return frame("ping", event("ping"));
    }

    /** {@code content_block_delta} with one token as a {@code text_delta}. */
    String textDelta(String token) {
        ObjectNode root = event("content_block_delta");
        root.put("index", 0);
        ObjectNode delta = root.putObject("delta");
        delta.put("type", "text_delta");
        delta.put("text", token);
        return frame("content_block_delta", root);
    }

    /** {@code content_block_delta} with a fragment of the tool input's JSON text as an {@code input_json_delta}. */
    String inputJsonDelta(String fragment) {
        ObjectNode root = event("content_block_delta");
        root.put("index", 0);
        ObjectNode delta = root.putObject("delta");
        delta.put("type", "input_json_delta");
        delta.put("partial_json", fragment);
        return frame("content_block_delta", root);
    }

    String contentBlockStop() {
        ObjectNode root = event("content_block_stop");
        root.put("index", 0);
        return frame("content_block_stop", root);
    }

    /** {@code message_delta}: the stop reason and the final usage, whose {@code output_tokens} is the total. */
    String messageDelta(FinishReason reason, int promptTokens, int cachedTokens, int outputTokens) {
        ObjectNode root = event("message_delta");
        ObjectNode delta = root.putObject("delta");
        delta.put("stop_reason", stopReason(reason));
        delta.putNull("stop_sequence");
        root.set("usage", usage(promptTokens, cachedTokens, outputTokens));
        return frame("message_delta", root);
    }

    String messageStop() {
        return frame("message_stop", event("message_stop"));
    }

    /** {@code {"type":"error","error":{"type","message"},"request_id"}}. */
    String error(AnthropicException error, String requestId) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "error");
        ObjectNode body = root.putObject("error");
        body.put("type", error.type());
        body.put("message", error.getMessage());
        root.put("request_id", requestId);
        return json.writeValueAsString(root);
    }

    /** {@code end_turn} for a natural end, {@code max_tokens} for an answer cut at the limit, or {@code tool_use}. */
    static String stopReason(FinishReason reason) {
        return switch (reason) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
        };
    }

    /** The model called the tool itself, hence {@code "caller": {"type": "direct"}}, which current SDKs require. */
    private static void toolUse(ObjectNode block, ToolCall call, JsonNode input) {
        block.put("type", "tool_use");
        block.put("id", call.id());
        block.put("name", call.name());
        block.set("input", input);
        block.putObject("caller").put("type", "direct");
    }

    private ObjectNode messageHeader(String id, String model) {
        ObjectNode root = json.createObjectNode();
        root.put("id", id);
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", model);
        return root;
    }

    private ObjectNode usage(int promptTokens, int cachedTokens, int outputTokens) {
        ObjectNode usage = json.createObjectNode();
        usage.put("input_tokens", promptTokens - cachedTokens);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", cachedTokens);
        usage.put("output_tokens", outputTokens);
        return usage;
    }

    private ObjectNode event(String type) {
        ObjectNode root = json.createObjectNode();
        root.put("type", type);
        return root;
    }

    /** {@code event: <name>\ndata: <json>\n\n}: Anthropic names every event, and the data repeats the name. */
    private String frame(String name, ObjectNode data) {
        return "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
    }
}
