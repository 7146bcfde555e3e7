package io.signalbox.gateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.openai.Operation;
import io.signalbox.gateway.sse.SseEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat completions served by Anthropic's Messages API. System messages become the top-level
 * {@code system}; tool calls and tool results become {@code tool_use} and {@code tool_result} blocks;
 * consecutive messages of one role are merged, since Anthropic requires the roles to alternate; images become
 * image blocks. Answers map back: text blocks to {@code content}, {@code tool_use} blocks to
 * {@code tool_calls}, stop reasons to finish reasons, and cache reads to {@code cached_tokens} (prompt tokens
 * include cache reads and writes, as OpenAI counts them).
 */
@Component
public class AnthropicTranslator implements BackendTranslator {

    /** Anthropic requires {@code max_tokens}; used when the client sets no limit. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String apiFormat() {
        return "anthropic";
    }

    @Override
    public boolean supports(Operation operation) {
        return operation == Operation.CHAT_COMPLETIONS;
    }

    @Override
    public String path(Operation operation) {
        return "/messages";
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("anthropic-version", "2023-06-01");
    }

    @Override
    public byte[] request(OpenAiRequest request, String upstreamModel) {
        ObjectNode in = request.body();
        ObjectNode out = JSON.createObjectNode();
        out.put("model", upstreamModel);
        out.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = out.putArray("messages");
        for (JsonNode message : in.path("messages")) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> appendText(system, message.path("content"));
                case "tool" -> append(messages, "user", toolResult(message));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                default -> append(messages, "user", userBlocks(message.path("content")));
            }
        }
        if (!system.isEmpty()) {
            out.put("system", system.toString());
        }
        copyIfPresent(in, out, "temperature");
        copyIfPresent(in, out, "top_p");
        JsonNode stop = in.path("stop");
        if (stop.isString()) {
            out.putArray("stop_sequences").add(stop.asString());
        }
        else if (stop.isArray()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        if (in.path("tools").isArray() && !in.path("tools").isEmpty()) {
            ArrayNode tools = out.putArray("tools");
            for (JsonNode tool : in.path("tools")) {
                JsonNode function = tool.path("function");
                ObjectNode converted = tools.addObject();
                converted.put("name", function.path("name").asString(""));
                if (function.path("description").isString()) {
                    converted.put("description", function.path("description").asString());
                }
                converted.set("input_schema", function.path("parameters").isObject()
                        ? function.path("parameters").deepCopy() : JSON.createObjectNode().put("type", "object"));
            }
            toolChoice(in.path("tool_choice"), out);
        }
        if (request.user() != null) {
            out.putObject("metadata").put("user_id", request.user());
        }
        if (request.stream()) {
            out.put("stream", true);
        }
        return JSON.writeValueAsBytes(out);
    }

    @Override
    public byte[] response(byte[] backendBody) {
        JsonNode message = JSON.readTree(backendBody);
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "chatcmpl-" + message.path("id").asString("anthropic"));
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        out.put("model", message.path("model").asString(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = JSON.createArrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    call.putObject("function").put("name", block.path("name").asString(""))
                            .put("arguments", JSON.writeValueAsString(block.path("input")));
                }
                default -> {
                    // thinking and other block types have no OpenAI counterpart in a chat completion
                }
            }
        }
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            reply.putNull("content");
        }
        else {
            reply.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            reply.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", finishReason(message.path("stop_reason").asString("")));
        out.set("usage", usage(message.path("usage")));
        return JSON.writeValueAsBytes(out);
    }

    @Override
    public byte[] error(int status, byte[] backendBody) {
        return openAiError(status, backendBody);
    }

    static byte[] openAiError(int status, byte[] backendBody) {
        String type = "api_error";
        String message = "The upstream answered " + status + ".";
        try {
            JsonNode error = JSON.readTree(backendBody).path("error");
            type = error.path("type").asString(type);
            message = error.path("message").asString(message);
        }
        catch (JacksonException notJson) {
            // keep the generic message
        }
        ObjectNode inner = JSON.createObjectNode();
        inner.put("message", message);
        switch (type) {
            case "invalid_request_error", "not_found_error", "request_too_large" ->
                    inner.put("type", "invalid_request_error").put("code", type);
            case "authentication_error", "permission_error" -> inner.put("type", "invalid_request_error").put("code", type);
            case "rate_limit_error" -> inner.put("type", "requests").put("code", "rate_limit_exceeded");
            default -> inner.put("type", "server_error").put("code", type);
        }
        inner.putNull("param");
        ObjectNode out = JSON.createObjectNode();
        out.set("error", inner);
        return JSON.writeValueAsBytes(out);
    }

    /** Anthropic's 529 (overloaded) means what 503 means to an OpenAI client. */
    @Override
    public int clientStatus(int backendStatus) {
        return backendStatus == 529 ? 503 : backendStatus;
    }

    @Override
    public StreamTranslation stream() {
        return new AnthropicStream();
    }

    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asString(""))) {
            ((ArrayNode) last.path("content")).addAll(blocks);
            return;
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        message.set("content", blocks);
    }

    private static ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = JSON.createArrayNode();
        if (content.isString()) {
            blocks.addObject().put("type", "text").put("text", content.asString());
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> blocks.addObject().put("type", "text").put("text", part.path("text").asString(""));
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asString("")));
                default -> {
                    // audio and file parts have no Anthropic counterpart; routing requires capabilities first
                }
            }
        }
        return blocks;
    }

    private static ObjectNode image(String url) {
        ObjectNode block = JSON.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:") && url.contains(";base64,")) {
            source.put("type", "base64")
                    .put("media_type", url.substring(5, url.indexOf(';')))
                    .put("data", url.substring(url.indexOf(";base64,") + 8));
        }
        else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    private static ArrayNode assistantBlocks(JsonNode message) {
        ArrayNode blocks = JSON.createArrayNode();
        JsonNode content = message.path("content");
        StringBuilder text = new StringBuilder();
        appendText(text, content);
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text.toString());
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asString(""));
            use.put("name", call.path("function").path("name").asString(""));
            use.set("input", parseArguments(call.path("function").path("arguments").asString("{}")));
        }
        return blocks;
    }

    private static ArrayNode toolResult(JsonNode message) {
        ArrayNode blocks = JSON.createArrayNode();
        StringBuilder text = new StringBuilder();
        appendText(text, message.path("content"));
        blocks.addObject()
                .put("type", "tool_result")
                .put("tool_use_id", message.path("tool_call_id").asString(""))
                .put("content", text.toString());
        return blocks;
    }

    private static JsonNode parseArguments(String arguments) {
        try {
            JsonNode parsed = JSON.readTree(arguments);
            return parsed.isObject() ? parsed : JSON.createObjectNode();
        }
        catch (JacksonException invalid) {
            return JSON.createObjectNode();
        }
    }

    private static void appendText(StringBuilder into, JsonNode content) {
        if (content.isString()) {
            separate(into).append(content.asString());
            return;
        }
        for (JsonNode part : content) {
            if (part.path("text").isString()) {
                separate(into).append(part.path("text").asString());
            }
        }
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("\n\n");
    }

    private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field) && !from.path(field).isNull()) {
            to.set(field, from.path(field).deepCopy());
        }
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice.isString()) {
            switch (choice.asString()) {
                case "none" -> out.putObject("tool_choice").put("type", "none");
                case "required" -> out.putObject("tool_choice").put("type", "any");
                default -> out.putObject("tool_choice").put("type", "auto");
            }
        }
        else if (choice.path("function").path("name").isString()) {
            out.putObject("tool_choice").put("type", "tool").put("name", choice.path("function").path("name").asString());
        }
    }

    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    static ObjectNode usage(JsonNode anthropic) {
        long cacheRead = anthropic.path("cache_read_input_tokens").asLong(0);
        long prompt = anthropic.path("input_tokens").asLong(0) + cacheRead
                + anthropic.path("cache_creation_input_tokens").asLong(0);
        long completion = anthropic.path("output_tokens").asLong(0);
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        return usage;
    }

    /** State of one Anthropic stream being turned into OpenAI chunks. */
    static final class AnthropicStream implements StreamTranslation {

        private String id = "chatcmpl-anthropic";

        private String model = "";

        private final long created = System.currentTimeMillis() / 1000;

        private ObjectNode usage = JSON.createObjectNode();

        /** Anthropic content-block index -> OpenAI tool_calls index. */
        private final Map<Integer, Integer> toolIndexes = new HashMap<>();

        @Override
        public List<byte[]> translate(byte[] backendEvent) {
            JsonNode event = data(backendEvent);
            if (event == null) {
                return List.of();
            }
            List<byte[]> out = new ArrayList<>();
            switch (event.path("type").asString("")) {
                case "message_start" -> {
                    JsonNode message = event.path("message");
                    id = "chatcmpl-" + message.path("id").asString("anthropic");
                    model = message.path("model").asString("");
                    usage = (ObjectNode) message.path("usage").deepCopy();
                    out.add(chunk(delta -> delta.put("role", "assistant").put("content", ""), null));
                }
                case "content_block_start" -> {
                    JsonNode block = event.path("content_block");
                    if ("tool_use".equals(block.path("type").asString(""))) {
                        int index = toolIndexes.size();
                        toolIndexes.put(event.path("index").asInt(), index);
                        out.add(chunk(delta -> {
                            ObjectNode call = delta.putArray("tool_calls").addObject();
                            call.put("index", index).put("id", block.path("id").asString("")).put("type", "function");
                            call.putObject("function").put("name", block.path("name").asString("")).put("arguments", "");
                        }, null));
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = event.path("delta");
                    switch (delta.path("type").asString("")) {
                        case "text_delta" -> out.add(chunk(d -> d.put("content", delta.path("text").asString("")), null));
                        case "input_json_delta" -> {
                            Integer index = toolIndexes.get(event.path("index").asInt());
                            if (index != null) {
                                out.add(chunk(d -> d.putArray("tool_calls").addObject().put("index", index)
                                        .putObject("function").put("arguments", delta.path("partial_json").asString("")),
                                        null));
                            }
                        }
                        default -> {
                            // thinking and signature deltas have no OpenAI chat counterpart
                        }
                    }
                }
                case "message_delta" -> {
                    event.path("usage").properties().forEach(entry -> usage.set(entry.getKey(), entry.getValue()));
                    out.add(chunk(delta -> { }, finishReason(event.path("delta").path("stop_reason").asString(""))));
                }
                case "message_stop" -> {
                    ObjectNode last = JSON.createObjectNode();
                    last.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
                    last.putArray("choices");
                    last.set("usage", usage(usage));
                    out.add(event(JSON.writeValueAsString(last)));
                    out.add(event("[DONE]"));
                }
                case "error" -> out.add(event(new String(openAiError(500, JSON.writeValueAsBytes(event)),
                        StandardCharsets.UTF_8)));
                default -> {
                    // ping and unknown events carry nothing for the client
                }
            }
            return out;
        }

        private byte[] chunk(java.util.function.Consumer<ObjectNode> delta, @Nullable String finishReason) {
            ObjectNode chunk = JSON.createObjectNode();
            chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            delta.accept(choice.putObject("delta"));
            if (finishReason == null) {
                choice.putNull("finish_reason");
            }
            else {
                choice.put("finish_reason", finishReason);
            }
            return event(JSON.writeValueAsString(chunk));
        }

        private static @Nullable JsonNode data(byte[] event) {
            byte[] data = SseEvents.data(event);
            if (data == null) {
                return null;
            }
            try {
                return JSON.readTree(data);
            }
            catch (JacksonException notJson) {
                return null;
            }
        }
    }

    static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
