package io.signalbox.simulator.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the parameters OpenAI's endpoints share and refuses bad ones with OpenAI's messages and codes
 * ({@code missing_required_parameter}, {@code invalid_type}, {@code integer_below_min_value}).
 */
final class OpenAiParams {

    private OpenAiParams() {
    }

    /** {@code stream_options.include_usage}, {@code false} when absent. */
    static boolean includeUsage(JsonNode body) {
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions == null || streamOptions.isNull()) {
            return false;
        }
        if (!streamOptions.isObject()) {
            throw invalidType("stream_options", "an object", streamOptions);
        }
        return optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage");
    }

    /** Refuses a body that is not a JSON object. */
    static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw OpenAiException.invalidRequest("The request body must be a JSON object.", null, null);
        }
    }

    static String requiredString(JsonNode node, String field) {
        return requiredString(node, field, field);
    }

    static String requiredString(JsonNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(param);
        }
        if (!value.isString()) {
            throw invalidType(param, "a string", value);
        }
        return value.stringValue();
    }

    static @Nullable Integer optionalPositiveInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalidType(field, "an integer", value);
        }
        int number = value.intValue();
        if (number < 1) {
            throw OpenAiException.invalidRequest("Invalid '" + field + "': integer below minimum value. Expected a "
                    + "value >= 1, but got " + number + " instead.", field, "integer_below_min_value");
        }
        return number;
    }

    static @Nullable Long optionalLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalidType(field, "an integer", value);
        }
        return value.longValue();
    }

    static boolean optionalBoolean(JsonNode node, String field, String param) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalidType(param, "a boolean", value);
        }
        return value.booleanValue();
    }

    static OpenAiException missing(String param) {
        return OpenAiException.invalidRequest("Missing required parameter: '" + param + "'.", param,
                "missing_required_parameter");
    }

    static OpenAiException invalidType(String param, String expected, JsonNode actual) {
        return OpenAiException.invalidRequest("Invalid type for '" + param + "': expected " + expected + ", but got "
                + typeName(actual) + " instead.", param, "invalid_type");
    }

    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "null";
        };
    }
}
