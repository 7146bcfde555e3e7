package io.signalbox.simulator.openai;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.openai.OpenAiParams.invalidType;
import static io.signalbox.simulator.openai.OpenAiParams.missing;
import static io.signalbox.simulator.openai.OpenAiParams.optionalBoolean;
import static io.signalbox.simulator.openai.OpenAiParams.optionalLong;
import static io.signalbox.simulator.openai.OpenAiParams.optionalPositiveInt;
import static io.signalbox.simulator.openai.OpenAiParams.requiredString;

/**
 * The parts of a legacy text completion request ({@code POST /v1/completions}) the simulator acts on; other
 * fields ({@code suffix}, {@code echo}, {@code logprobs}, {@code n}, {@code stop}, ...) are accepted and ignored.
 *
 * @param model requested model name
 * @param prompts the prompt, or each prompt of an array: every prompt gets a choice of its own
 * @param maxTokens {@code max_tokens}, {@value #DEFAULT_MAX_TOKENS} when absent, as OpenAI and vLLM default it
 * @param stream whether to answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}: send a final usage chunk
 * @param seed the request's {@code seed}
 */
record CompletionRequest(
        String model,
        List<String> prompts,
        int maxTokens,
        boolean stream,
        boolean includeUsage,
        @Nullable Long seed) {

    static final int DEFAULT_MAX_TOKENS = 16;

    static CompletionRequest from(JsonNode body) {
        OpenAiParams.requireObject(body);
        String model = requiredString(body, "model");
        List<String> prompts = prompts(body.get("prompt"));
        Integer maxTokens = optionalPositiveInt(body, "max_tokens");
        return new CompletionRequest(model, prompts, maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens,
                optionalBoolean(body, "stream", "stream"), OpenAiParams.includeUsage(body), optionalLong(body, "seed"));
    }

    private static List<String> prompts(@Nullable JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw missing("prompt");
        }
        if (prompt.isString()) {
            return List.of(prompt.stringValue());
        }
        if (!prompt.isArray()) {
            throw invalidType("prompt", "a string or an array of strings", prompt);
        }
        if (prompt.isEmpty()) {
            throw OpenAiException.invalidRequest("Invalid 'prompt': empty array. Expected an array with minimum "
                    + "length 1, but got an empty array instead.", "prompt", "empty_array");
        }
        List<String> prompts = new ArrayList<>(prompt.size());
        for (int index = 0; index < prompt.size(); index++) {
            JsonNode item = prompt.get(index);
            if (!item.isString()) {
                throw invalidType("prompt[" + index + "]", "a string", item);
            }
            prompts.add(item.stringValue());
        }
        return prompts;
    }
}
