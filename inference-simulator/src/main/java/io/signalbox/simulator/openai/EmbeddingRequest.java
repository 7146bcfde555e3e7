package io.signalbox.simulator.openai;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.openai.OpenAiParams.invalidType;
import static io.signalbox.simulator.openai.OpenAiParams.missing;
import static io.signalbox.simulator.openai.OpenAiParams.optionalPositiveInt;
import static io.signalbox.simulator.openai.OpenAiParams.requiredString;

/**
 * An embeddings request ({@code POST /v1/embeddings}); {@code user} and other fields are accepted and ignored.
 *
 * @param model requested model name
 * @param inputs the input, or each input of an array: every input gets a vector of its own
 * @param base64 {@code encoding_format: "base64"}: vectors as base64 of little-endian float32s, as OpenAI sends
 * @param dimensions {@code dimensions}: a shorter vector than the endpoint's, {@code null} for the full one
 */
record EmbeddingRequest(String model, List<String> inputs, boolean base64, @Nullable Integer dimensions) {

    static EmbeddingRequest from(JsonNode body) {
        OpenAiParams.requireObject(body);
        String model = requiredString(body, "model");
        List<String> inputs = inputs(body.get("input"));
        boolean base64 = false;
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull()) {
            if (!format.isString()) {
                throw invalidType("encoding_format", "a string", format);
            }
            base64 = switch (format.stringValue()) {
                case "float" -> false;
                case "base64" -> true;
                default -> throw OpenAiException.invalidRequest("Invalid value for 'encoding_format': '"
                        + format.stringValue() + "'. Supported values are: 'float' and 'base64'.",
                        "encoding_format", "invalid_value");
            };
        }
        return new EmbeddingRequest(model, inputs, base64, optionalPositiveInt(body, "dimensions"));
    }

    private static List<String> inputs(@Nullable JsonNode input) {
        if (input == null || input.isNull()) {
            throw missing("input");
        }
        List<String> inputs = new ArrayList<>();
        if (input.isString()) {
            inputs.add(input.stringValue());
        }
        else if (input.isArray()) {
            if (input.isEmpty()) {
                throw OpenAiException.invalidRequest("Invalid 'input': empty array. Expected an array with minimum "
                        + "length 1, but got an empty array instead.", "input", "empty_array");
            }
            for (int index = 0; index < input.size(); index++) {
                JsonNode item = input.get(index);
                if (!item.isString()) {
                    throw invalidType("input[" + index + "]", "a string", item);
                }
                inputs.add(item.stringValue());
            }
        }
        else {
            throw invalidType("input", "a string or an array of strings", input);
        }
        for (String text : inputs) {
            if (text.isEmpty()) {
                throw OpenAiException.invalidRequest("'$.input' is invalid. Please check the API reference: "
                        + "https://platform.openai.com/docs/api-reference.", "input", null);
            }
        }
        return inputs;
    }
}
