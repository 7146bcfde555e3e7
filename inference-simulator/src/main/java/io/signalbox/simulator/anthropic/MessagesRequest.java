package io.signalbox.simulator.anthropic;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a Messages API request the simulator acts on; {@code temperature}, {@code stop_sequences},
 * {@code metadata} and the rest are accepted and ignored. Refusals use Anthropic's
 * {@code "<path>: <problem>"} messages.
 *
 * @param model requested model name
 * @param prompt the {@code system} prompt, if any, as a first {@code system} message, then the messages; text
 *     blocks of a content array are joined with a newline, other blocks (images, tool use) are not counted
 * @param maxTokens {@code max_tokens}, which Anthropic requires
 * @param stream whether to answer as server-sent events
 * @param tool the tool of {@code tools} the answer uses instead of answering with text; {@code null} for a text
 *     answer (see {@link AnthropicTools})
 */
record MessagesRequest(String model, Prompt prompt, int maxTokens, boolean stream, @Nullable Tool tool) {

    static MessagesRequest from(JsonNode body) {
        if (!body.isObject()) {
            throw AnthropicException.invalidRequest("Input should be a valid dictionary or object to extract fields "
                    + "from");
        }
        JsonNode model = required(body, "model");
        if (!model.isString()) {
            throw AnthropicException.invalidRequest("model: Input should be a valid string");
        }
        JsonNode maxTokens = required(body, "max_tokens");
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
            throw AnthropicException.invalidRequest("max_tokens: Input should be a valid integer");
        }
        if (maxTokens.intValue() < 1) {
            throw AnthropicException.invalidRequest("max_tokens: Input should be greater than or equal to 1");
        }
        List<Prompt.Message> messages = new ArrayList<>();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) {
            messages.add(new Prompt.Message("system", null, text(system, "system")));
        }
        JsonNode turns = required(body, "messages");
        if (!turns.isArray()) {
            throw AnthropicException.invalidRequest("messages: Input should be a valid list");
        }
        if (turns.isEmpty()) {
            throw AnthropicException.invalidRequest("messages: at least one message is required");
        }
        for (int index = 0; index < turns.size(); index++) {
            messages.add(message(turns.get(index), "messages." + index));
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw AnthropicException.invalidRequest("stream: Input should be a valid boolean");
        }
        return new MessagesRequest(model.stringValue(), new Prompt(messages), maxTokens.intValue(),
                stream != null && stream.asBoolean(false), AnthropicTools.toCall(body));
    }

    private static Prompt.Message message(JsonNode message, String path) {
        if (!message.isObject()) {
            throw AnthropicException.invalidRequest(path + ": Input should be a valid dictionary");
        }
        JsonNode role = required(message, "role", path + ".role");
        if (!role.isString() || !(role.stringValue().equals("user") || role.stringValue().equals("assistant"))) {
            throw AnthropicException.invalidRequest(path + ".role: Input should be 'user' or 'assistant'");
        }
        return new Prompt.Message(role.stringValue(), null, text(required(message, "content", path + ".content"),
                path + ".content"));
    }

    /** A string, or the text blocks of a block array joined with a newline. */
    private static String text(JsonNode content, String path) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw AnthropicException.invalidRequest(path + ": Input should be a valid string or a valid list");
        }
        List<String> texts = new ArrayList<>();
        for (int index = 0; index < content.size(); index++) {
            JsonNode block = content.get(index);
            JsonNode type = block.get("type");
            if (type == null || !type.isString()) {
                throw AnthropicException.invalidRequest(path + "." + index + ".type: Field required");
            }
            if (type.stringValue().equals("text")) {
                JsonNode text = block.get("text");
                if (text == null || !text.isString()) {
                    throw AnthropicException.invalidRequest(path + "." + index + ".text: Field required");
                }
                texts.add(text.stringValue());
            }
        }
        return String.join("\n", texts);
    }

    private static JsonNode required(JsonNode node, String field) {
        return required(node, field, field);
    }

    private static JsonNode required(JsonNode node, String field, String path) {
        @Nullable JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw AnthropicException.invalidRequest(path + ": Field required");
        }
        return value;
    }
}
