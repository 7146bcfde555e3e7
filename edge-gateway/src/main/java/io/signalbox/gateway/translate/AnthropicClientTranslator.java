package io.signalbox.gateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.gateway.openai.OpenAiException;
import io.signalbox.gateway.sse.SseEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages API clients ({@code POST /v1/messages}) served by the OpenAI chat-completions pipeline.
 *
 * <p>Requests: {@code system} (string or text blocks) becomes one leading system message; text and image blocks
 * become content parts (base64 images as data URLs); assistant {@code tool_use} blocks become {@code tool_calls}
 * with the input as a JSON string; user {@code tool_result} blocks become {@code tool} messages placed before the
 * rest of their user turn, since OpenAI requires tool results to follow the assistant's calls directly.
 * {@code stop_sequences} become {@code stop}, {@code metadata.user_id} the {@code user}, tools become function
 * tools and {@code tool_choice} auto/any/tool/none becomes auto/required/a named function/none. Streams always ask
 * for the usage chunk, which the pipeline needs for accounting. Lossy on the way in: {@code top_k} and the
 * {@code thinking} configuration have no OpenAI counterpart and are dropped, as are thinking blocks of earlier
 * turns and {@code cache_control} marks; an assistant turn's text blocks are joined, so their order relative to its
 * tool calls is lost; a failed tool result is marked by an {@code Error: } prefix on its text. What cannot be
 * expressed at all (documents, file sources, images in tool results or assistant turns, server tools) is rejected
 * rather than silently dropped.
 *
 * <p>Answers: text becomes one text block and tool calls {@code tool_use} blocks; arguments that are not a JSON
 * object become an empty input, since Anthropic's input must be an object. A stop on a stop sequence cannot be
 * told apart from a natural stop in OpenAI's answer, so both are {@code end_turn} and {@code stop_sequence} is
 * always null. Anthropic's {@code input_tokens} excludes cache reads while OpenAI's {@code prompt_tokens}
 * includes them, so the cached tokens are subtracted. In a stream, Anthropic reports input tokens in
 * {@code message_start}, but OpenAI reports usage only at the end: {@code message_start} says 0 and
 * {@code message_delta} carries the real numbers.
 */
@Component
public class AnthropicClientTranslator implements ClientTranslator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String clientApi() {
        return "anthropic";
    }

    @Override
    public String operationName() {
        return "messages";
    }

    @Override
    public byte[] request(byte[] clientBody) {
        ObjectNode in = parseObject(clientBody);
        ObjectNode out = JSON.createObjectNode();
        JsonNode model = in.path("model");
        if (!model.isString() || model.asString().isBlank()) {
            throw invalid(model.isMissingNode() ? "missing_required_parameter" : "invalid_type", "model",
                    "model: a model name (string) is required.");
        }
        out.put("model", model.asString());
        ArrayNode messages = out.putArray("messages");
        system(in.path("system"), messages);
        JsonNode turns = in.path("messages");
        if (!turns.isArray() || turns.isEmpty()) {
            throw invalid(turns.isMissingNode() ? "missing_required_parameter" : "invalid_type", "messages",
                    "messages: a non-empty array of messages is required.");
        }
        for (int i = 0; i < turns.size(); i++) {
            turn(turns.get(i), "messages." + i, messages);
        }
        JsonNode maxTokens = in.path("max_tokens");
        if (maxTokens.isMissingNode() || maxTokens.isNull()) {
            throw invalid("missing_required_parameter", "max_tokens", "max_tokens: field required.");
        }
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
            throw invalid("invalid_value", "max_tokens", "max_tokens: must be a positive integer.");
        }
        out.put("max_tokens", maxTokens.asInt());
        copyNumber(in, "temperature", out);
        copyNumber(in, "top_p", out);
        stopSequences(in.path("stop_sequences"), out);
        JsonNode stream = in.path("stream");
        if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
            throw invalid("invalid_type", "stream", "stream: must be a boolean.");
        }
        if (stream.asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        JsonNode user = in.path("metadata").path("user_id");
        if (user.isString()) {
            out.put("user", user.asString());
        }
        else if (!user.isMissingNode() && !user.isNull()) {
            throw invalid("invalid_type", "metadata.user_id", "metadata.user_id: must be a string.");
        }
        tools(in.path("tools"), out);
        toolChoice(in.path("tool_choice"), out);
        return JSON.writeValueAsBytes(out);
    }

    @Override
    public byte[] response(byte[] openAiBody) {
        JsonNode completion = JSON.readTree(openAiBody);
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = JSON.createObjectNode();
        out.put("id", messageId(completion));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", completion.path("model").asString(""));
        ArrayNode content = out.putArray("content");
        String text = text(message.path("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asString(""));
            use.put("name", call.path("function").path("name").asString(""));
            use.set("input", input(call.path("function").path("arguments").asString("")));
        }
        out.put("stop_reason", stopReason(choice.path("finish_reason").asString("")));
        out.putNull("stop_sequence");
        out.set("usage", usage(completion.path("usage")));
        return JSON.writeValueAsBytes(out);
    }

    @Override
    public byte[] error(int status, byte[] openAiErrorBody) {
        return JSON.writeValueAsBytes(errorBody(errorType(status), errorMessage(status, openAiErrorBody)));
    }

    @Override
    public BackendTranslator.StreamTranslation stream() {
        return new AnthropicClientStream();
    }

    private static ObjectNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        }
        catch (JacksonException ex) {
            throw invalid(null, null, "The request body is not valid JSON: " + ex.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            throw invalid(null, null, "The request body must be a JSON object.");
        }
        return object;
    }

    private static void system(JsonNode system, ArrayNode messages) {
        if (system.isMissingNode() || system.isNull()) {
            return;
        }
        String text;
        if (system.isString()) {
            text = system.asString();
        }
        else if (system.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < system.size(); i++) {
                String path = "system." + i;
                JsonNode block = system.get(i);
                if (!"text".equals(block.path("type").asString(""))) {
                    throw invalid("invalid_value", path + ".type", path + ".type: system blocks must be text blocks.");
                }
                separate(joined).append(requireString(block, "text", path));
            }
            text = joined.toString();
        }
        else {
            throw invalid("invalid_type", "system", "system: must be a string or an array of text blocks.");
        }
        if (!text.isEmpty()) {
            messages.addObject().put("role", "system").put("content", text);
        }
    }

    private static void turn(JsonNode turn, String path, ArrayNode messages) {
        if (!turn.isObject()) {
            throw invalid("invalid_type", path, path + ": must be an object with role and content.");
        }
        String role = turn.path("role").asString("");
        JsonNode content = turn.path("content");
        if (!content.isString() && !content.isArray()) {
            throw invalid(content.isMissingNode() ? "missing_required_parameter" : "invalid_type", path + ".content",
                    path + ".content: must be a string or an array of content blocks.");
        }
        switch (role) {
            case "user" -> userTurn(content, path + ".content", messages);
            case "assistant" -> assistantTurn(content, path + ".content", messages);
            default -> throw invalid("invalid_value", path + ".role", path + ".role: must be \"user\" or \"assistant\""
                    + (turn.path("role").isString() ? ", not \"" + role + "\"" : "")
                    + "; system instructions go in the top-level system parameter.");
        }
    }

    /** Tool results first, as tool messages, then the rest of the turn as one user message. */
    private static void userTurn(JsonNode content, String path, ArrayNode messages) {
        if (content.isString()) {
            messages.addObject().put("role", "user").put("content", content.asString());
            return;
        }
        ArrayNode parts = JSON.createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            String blockPath = path + "." + i;
            JsonNode block = content.get(i);
            switch (blockType(block, blockPath)) {
                case "text" -> parts.addObject().put("type", "text")
                        .put("text", requireString(block, "text", blockPath));
                case "image" -> parts.add(image(block, blockPath));
                case "tool_result" -> messages.add(toolResult(block, blockPath));
                case "tool_use" -> throw invalid("invalid_value", blockPath + ".type",
                        blockPath + ".type: tool_use blocks belong in assistant messages.");
                case "thinking", "redacted_thinking" -> {
                    // earlier reasoning has no OpenAI counterpart; the model does not need it back
                }
                default -> throw unsupportedBlock(block, blockPath);
            }
        }
        if (!parts.isEmpty()) {
            messages.addObject().put("role", "user").set("content", parts);
        }
    }

    private static void assistantTurn(JsonNode content, String path, ArrayNode messages) {
        if (content.isString()) {
            messages.addObject().put("role", "assistant").put("content", content.asString());
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = JSON.createArrayNode();
        for (int i = 0; i < content.size(); i++) {
            String blockPath = path + "." + i;
            JsonNode block = content.get(i);
            switch (blockType(block, blockPath)) {
                case "text" -> separate(text).append(requireString(block, "text", blockPath));
                case "tool_use" -> {
                    JsonNode input = block.path("input");
                    if (!input.isObject()) {
                        throw invalid("invalid_type", blockPath + ".input", blockPath + ".input: must be an object.");
                    }
                    ObjectNode call = calls.addObject();
                    call.put("id", requireString(block, "id", blockPath));
                    call.put("type", "function");
                    call.putObject("function")
                            .put("name", requireString(block, "name", blockPath))
                            .put("arguments", JSON.writeValueAsString(input));
                }
                case "thinking", "redacted_thinking" -> {
                    // reasoning of an earlier turn has no place in an OpenAI assistant message
                }
                case "tool_result", "image" -> throw invalid("invalid_value", blockPath + ".type", blockPath
                        + ".type: " + block.path("type").asString() + " blocks belong in user messages.");
                default -> throw unsupportedBlock(block, blockPath);
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        }
        else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    private static ObjectNode toolResult(JsonNode block, String path) {
        String id = requireString(block, "tool_use_id", path);
        JsonNode content = block.path("content");
        StringBuilder text = new StringBuilder();
        if (content.isString()) {
            text.append(content.asString());
        }
        else if (content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                String partPath = path + ".content." + i;
                JsonNode part = content.get(i);
                switch (blockType(part, partPath)) {
                    case "text" -> separate(text).append(requireString(part, "text", partPath));
                    case "image" -> throw invalid("unsupported_value", partPath + ".type",
                            partPath + ".type: images in tool results are not supported by this gateway.");
                    default -> throw unsupportedBlock(part, partPath);
                }
            }
        }
        else if (!content.isMissingNode() && !content.isNull()) {
            throw invalid("invalid_type", path + ".content",
                    path + ".content: must be a string or an array of text blocks.");
        }
        String result = block.path("is_error").asBoolean(false) ? "Error: " + text : text.toString();
        return JSON.createObjectNode().put("role", "tool").put("tool_call_id", id).put("content", result);
    }

    private static ObjectNode image(JsonNode block, String path) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asString("")) {
            case "base64" -> "data:" + requireString(source, "media_type", path + ".source") + ";base64,"
                    + requireString(source, "data", path + ".source");
            case "url" -> requireString(source, "url", path + ".source");
            default -> throw invalid("invalid_value", path + ".source.type",
                    path + ".source.type: this gateway accepts base64 and url image sources.");
        };
        ObjectNode part = JSON.createObjectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static String blockType(JsonNode block, String path) {
        JsonNode type = block.path("type");
        if (!block.isObject() || !type.isString()) {
            throw invalid("missing_required_parameter", path + ".type",
                    path + ".type: every content block needs a type.");
        }
        return type.asString();
    }

    private static OpenAiException unsupportedBlock(JsonNode block, String path) {
        String type = block.path("type").asString();
        return switch (type) {
            case "document", "search_result", "server_tool_use", "web_search_tool_result", "container_upload" ->
                    invalid("unsupported_value", path + ".type",
                            path + ".type: " + type + " blocks are not supported by this gateway.");
            default -> invalid("invalid_value", path + ".type", path + ".type: unknown content block type \"" + type
                    + "\"; expected text, image, tool_use, tool_result or thinking.");
        };
    }

    private static void tools(JsonNode tools, ObjectNode out) {
        if (tools.isMissingNode() || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("invalid_type", "tools", "tools: must be an array of tools.");
        }
        if (tools.isEmpty()) {
            return;
        }
        ArrayNode functions = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools." + i;
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asString("custom");
            if (!"custom".equals(type)) {
                throw invalid("unsupported_value", path + ".type",
                        path + ".type: server tool \"" + type + "\" is not supported by this gateway.");
            }
            JsonNode schema = tool.path("input_schema");
            if (!schema.isObject()) {
                throw invalid("missing_required_parameter", path + ".input_schema",
                        path + ".input_schema: a JSON schema object is required.");
            }
            ObjectNode function = functions.addObject().put("type", "function").putObject("function");
            function.put("name", requireString(tool, "name", path));
            if (tool.path("description").isString()) {
                function.put("description", tool.path("description").asString());
            }
            function.set("parameters", schema.deepCopy());
        }
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice.isMissingNode() || choice.isNull()) {
            return;
        }
        switch (choice.path("type").asString("")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", requireString(choice, "name", "tool_choice"));
            default -> throw invalid("invalid_value", "tool_choice.type",
                    "tool_choice.type: must be one of auto, any, tool or none.");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static void stopSequences(JsonNode sequences, ObjectNode out) {
        if (sequences.isMissingNode() || sequences.isNull()) {
            return;
        }
        boolean strings = sequences.isArray();
        for (JsonNode sequence : sequences) {
            strings &= sequence.isString();
        }
        if (!strings) {
            throw invalid("invalid_type", "stop_sequences", "stop_sequences: must be an array of strings.");
        }
        if (!sequences.isEmpty()) {
            out.set("stop", sequences.deepCopy());
        }
    }

    private static void copyNumber(ObjectNode in, String field, ObjectNode out) {
        JsonNode value = in.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw invalid("invalid_type", field, field + ": must be a number.");
        }
        out.set(field, value.deepCopy());
    }

    private static String requireString(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw invalid(value.isMissingNode() ? "missing_required_parameter" : "invalid_type", path + "." + field,
                    path + "." + field + ": a string is required.");
        }
        return value.asString();
    }

    private static OpenAiException invalid(@Nullable String code, @Nullable String param, String message) {
        return OpenAiException.invalidRequest(code, param, message);
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("\n\n");
    }

    /** OpenAI content is a string, or (from some backends) an array of text parts. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asString(""));
        }
        return text.toString();
    }

    private static JsonNode input(String arguments) {
        try {
            JsonNode parsed = JSON.readTree(arguments);
            return parsed.isObject() ? parsed : JSON.createObjectNode();
        }
        catch (JacksonException invalid) {
            return JSON.createObjectNode();
        }
    }

    static String messageId(JsonNode completion) {
        String id = completion.path("id").asString("");
        return "msg_" + (id.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : id);
    }

    static String stopReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    static ObjectNode usage(JsonNode openAi) {
        long cached = openAi.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        ObjectNode usage = JSON.createObjectNode();
        usage.put("input_tokens", Math.max(0, openAi.path("prompt_tokens").asLong(0) - cached));
        usage.put("output_tokens", openAi.path("completion_tokens").asLong(0));
        usage.put("cache_read_input_tokens", cached);
        return usage;
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String errorMessage(int status, byte[] openAiErrorBody) {
        try {
            JsonNode message = JSON.readTree(openAiErrorBody).path("error").path("message");
            if (message.isString()) {
                return message.asString();
            }
        }
        catch (JacksonException notJson) {
            // fall through to the generic message
        }
        return "The request failed with HTTP status " + status + ".";
    }

    static ObjectNode errorBody(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    /**
     * State of one OpenAI stream being turned into Anthropic events. Each OpenAI tool call becomes its own content
     * block; a block is closed before the next opens. OpenAI streams tool calls one after another; should a
     * backend interleave them, a late fragment still goes to its own (already closed) block's index.
     */
    static final class AnthropicClientStream implements BackendTranslator.StreamTranslation {

        private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

        private boolean started;

        private boolean deltaSent;

        private boolean finished;

        private String id = "msg_" + UUID.randomUUID().toString().replace("-", "");

        private String model = "";

        private String stopReason = "end_turn";

        private @Nullable JsonNode usage;

        private int nextBlock;

        /** The open content block's index, or -1. */
        private int openBlock = -1;

        private boolean textOpen;

        /** OpenAI tool_calls index -> Anthropic content block index. */
        private final Map<Integer, Integer> toolBlocks = new HashMap<>();

        @Override
        public List<byte[]> translate(byte[] openAiEvent) {
            byte[] data = SseEvents.data(openAiEvent);
            if (finished || data == null) {
                return List.of();
            }
            List<byte[]> out = new ArrayList<>();
            if (Arrays.equals(data, DONE)) {
                finish(out);
                return out;
            }
            JsonNode chunk;
            try {
                chunk = JSON.readTree(data);
            }
            catch (JacksonException notJson) {
                return List.of();
            }
            if (chunk.path("error").isObject()) {
                out.add(event("error", errorBody(streamErrorType(chunk.path("error")),
                        chunk.path("error").path("message").asString("The stream was interrupted."))));
                finished = true;
                return out;
            }
            start(chunk, out);
            JsonNode choice = chunk.path("choices").path(0);
            if (choice.isObject()) {
                JsonNode delta = choice.path("delta");
                String text = delta.path("content").asString("");
                if (!text.isEmpty()) {
                    text(text, out);
                }
                for (JsonNode call : delta.path("tool_calls")) {
                    toolCall(call, out);
                }
                if (choice.path("finish_reason").isString()) {
                    stopReason = stopReason(choice.path("finish_reason").asString());
                }
            }
            if (chunk.path("usage").isObject()) {
                usage = chunk.path("usage");
                if (chunk.path("choices").isEmpty()) {
                    close(out);
                    messageDelta(out);
                }
            }
            return out;
        }

        private void start(JsonNode chunk, List<byte[]> out) {
            if (started) {
                return;
            }
            started = true;
            if (chunk.path("id").isString() && !chunk.path("id").asString().isEmpty()) {
                id = "msg_" + chunk.path("id").asString();
            }
            model = chunk.path("model").asString("");
            ObjectNode event = JSON.createObjectNode().put("type", "message_start");
            ObjectNode message = event.putObject("message");
            message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
            message.putArray("content");
            message.putNull("stop_reason").putNull("stop_sequence");
            message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
            out.add(event("message_start", event));
        }

        private void text(String text, List<byte[]> out) {
            if (!textOpen) {
                close(out);
                openBlock = nextBlock++;
                textOpen = true;
                ObjectNode start = blockEvent("content_block_start", openBlock);
                start.putObject("content_block").put("type", "text").put("text", "");
                out.add(event("content_block_start", start));
            }
            ObjectNode delta = blockEvent("content_block_delta", openBlock);
            delta.putObject("delta").put("type", "text_delta").put("text", text);
            out.add(event("content_block_delta", delta));
        }

        private void toolCall(JsonNode call, List<byte[]> out) {
            int toolIndex = call.path("index").isIntegralNumber() ? call.path("index").asInt()
                    : call.path("id").isString() ? toolBlocks.size() : Math.max(0, toolBlocks.size() - 1);
            Integer block = toolBlocks.get(toolIndex);
            if (block == null) {
                close(out);
                block = nextBlock++;
                toolBlocks.put(toolIndex, block);
                openBlock = block;
                ObjectNode start = blockEvent("content_block_start", block);
                ObjectNode use = start.putObject("content_block");
                use.put("type", "tool_use")
                        .put("id", call.path("id").asString(""))
                        .put("name", call.path("function").path("name").asString(""));
                use.putObject("input");
                out.add(event("content_block_start", start));
            }
            String arguments = call.path("function").path("arguments").asString("");
            if (!arguments.isEmpty()) {
                ObjectNode delta = blockEvent("content_block_delta", block);
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
                out.add(event("content_block_delta", delta));
            }
        }

        private void close(List<byte[]> out) {
            if (openBlock >= 0) {
                out.add(event("content_block_stop", blockEvent("content_block_stop", openBlock)));
                openBlock = -1;
                textOpen = false;
            }
        }

        private void messageDelta(List<byte[]> out) {
            if (deltaSent) {
                return;
            }
            deltaSent = true;
            ObjectNode event = JSON.createObjectNode().put("type", "message_delta");
            event.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
            // output_tokens is required in Anthropic's message_delta; the rest is left out when not reported
            event.set("usage", usage != null ? usage(usage) : JSON.createObjectNode().put("output_tokens", 0));
            out.add(event("message_delta", event));
        }

        private void finish(List<byte[]> out) {
            start(JSON.createObjectNode(), out);
            close(out);
            messageDelta(out);
            out.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
            finished = true;
        }

        private static ObjectNode blockEvent(String type, int index) {
            return JSON.createObjectNode().put("type", type).put("index", index);
        }

        /** The gateway reports an overloaded upstream with "overloaded" in the error's code or type. */
        private static String streamErrorType(JsonNode error) {
            String kind = error.path("code").asString("") + " " + error.path("type").asString("");
            return kind.contains("overloaded") ? "overloaded_error" : "api_error";
        }

        private static byte[] event(String name, ObjectNode data) {
            return ("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
