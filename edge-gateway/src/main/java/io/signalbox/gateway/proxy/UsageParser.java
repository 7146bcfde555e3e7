package io.signalbox.gateway.proxy;

import io.signalbox.contracts.usage.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads OpenAI's {@code usage} object, keeping "not reported" apart from zero. */
final class UsageParser {

    private UsageParser() {
    }

    /**
     * The top-level {@code usage} of a whole (non-streamed) answer. Only that object is read into a tree; the rest,
     * the choices with their content, is skipped, so a long answer costs no copy of its text.
     *
     * @throws tools.jackson.core.JacksonException when the body is not JSON up to the usage object
     */
    static @Nullable TokenUsage fromAnswer(ObjectMapper json, byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    return fromUsageNode(parser.readValueAsTree());
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    static @Nullable TokenUsage fromUsageNode(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        return new TokenUsage(
                intOrNull(usage.path("prompt_tokens")),
                intOrNull(usage.path("completion_tokens")),
                intOrNull(usage.path("prompt_tokens_details").path("cached_tokens")),
                intOrNull(usage.path("completion_tokens_details").path("reasoning_tokens")),
                false);
    }

    private static @Nullable Integer intOrNull(JsonNode node) {
        return node.isIntegralNumber() ? node.asInt() : null;
    }
}
