package io.signalbox.gateway.proxy;

import io.signalbox.contracts.usage.TokenUsage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads OpenAI's {@code usage} object, keeping "not reported" apart from zero. */
final class UsageParser {

    private UsageParser() {
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
