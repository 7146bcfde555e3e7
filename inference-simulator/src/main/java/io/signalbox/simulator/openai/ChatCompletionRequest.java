package io.signalbox.simulator.openai;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.openai.OpenAiParams.invalidType;
import static io.signalbox.simulator.openai.OpenAiParams.missing;
import static io.signalbox.simulator.openai.OpenAiParams.optionalBoolean;
import static io.signalbox.simulator.openai.OpenAiParams.optionalLong;
import static io.signalbox.simulator.openai.OpenAiParams.optionalPositiveInt;
import static io.signalbox.simulator.openai.OpenAiParams.requiredString;

/**
 * The parts of an OpenAI chat completion request the simulator acts on. Everything else (temperature,
 * response_format, n, ...) is accepted and ignored, as a permissive server would.
 *
 * @param model requested model name
 * @param prompt the messages; text parts of array contents are joined with a newline, other parts (images,
 *     audio) are not counted
 * @param maxTokens {@code max_completion_tokens}, else the deprecated {@code max_tokens}; {@code null} if neither
 * @param stream whether to answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}: send a final usage chunk
 * @param seed the request's {@code seed}, part of what makes the answer deterministic
 * @param tool the function of {@code tools} the answer calls instead of answering with text; {@code null} for a
 *     text answer (see {@link OpenAiTools})
 */
record ChatCompletionRequest(
        String model,
        Prompt prompt,
        @Nullable Integer maxTokens,
        boolean stream,
        boolean includeUsage,
        @Nullable Long seed,
        @Nullable Tool tool) {

    /** Reads a request body; refuses it with OpenAI's messages for missing or mistyped parameters. */
    static ChatCompletionRequest from(JsonNode body) {
        if (!body.isObject()) {
            throw OpenAiException.invalidRequest("The request body must be a JSON object.", null, null);
        }
        String model = requiredString(body, "model");
        Prompt prompt = prompt(body);
        Integer maxTokens = optionalPositiveInt(body, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = optionalPositiveInt(body, "max_tokens");
        }
        boolean stream = optionalBoolean(body, "stream", "stream");
        boolean includeUsage = OpenAiParams.includeUsage(body);
        return new ChatCompletionRequest(model, prompt, maxTokens, stream, includeUsage, optionalLong(body, "seed"),
                OpenAiTools.toCall(body, prompt));
    }

    private static Prompt prompt(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw missing("messages");
        }
        if (!messages.isArray()) {
            throw invalidType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw OpenAiException.invalidRequest("Invalid 'messages': empty array. Expected an array with minimum "
                    + "length 1, but got an empty array instead.", "messages", "empty_array");
        }
        List<Prompt.Message> parsed = new ArrayList<>(messages.size());
        for (int index = 0; index < messages.size(); index++) {
            parsed.add(message(messages.get(index), "messages[" + index + "]"));
        }
        return new Prompt(parsed);
    }

    private static Prompt.Message message(JsonNode message, String param) {
        if (!message.isObject()) {
            throw invalidType(param, "an object", message);
        }
        String role = requiredString(message, "role", param + ".role");
        JsonNode name = message.get("name");
        if (name != null && !name.isNull() && !name.isString()) {
            throw invalidType(param + ".name", "a string", name);
        }
        return new Prompt.Message(role, name == null || name.isNull() ? null : name.stringValue(),
                content(message.get("content"), param + ".content"));
    }

    private static String content(@Nullable JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw invalidType(param, "a string or an array of content parts", content);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            JsonNode text = part.get("text");
            if ("text".equals(part.path("type").asString("")) && text != null && text.isString()) {
                texts.add(text.stringValue());
            }
        }
        return String.join("\n", texts);
    }
}
