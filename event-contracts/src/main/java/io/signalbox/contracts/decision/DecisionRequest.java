package io.signalbox.contracts.decision;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/decisions}: what the gateway knows about a request before it is routed.
 *
 * @param model what the client sent as {@code model}: an alias or a model name
 * @param estimatedPromptTokens the gateway's estimate of the prompt size
 * @param requiredCapabilities capabilities the request needs ({@code tools}, {@code vision}, ...)
 * @param stickyKey identifies the caller for sticky splits (end user, else key)
 * @param prompt the request's messages as plain text, bounded by the gateway (system message first, then
 *     the latest turns), for policies that read the prompt (complexity, semantic) and the sensitive-data
 *     filter; null when the gateway sent none
 * @param priority {@code critical}, {@code standard} (null means standard) or {@code sheddable}: sheddable
 *     requests are refused when every endpoint that could serve them is saturated
 */
public record DecisionRequest(
        String requestId,
        String tenantId,
        @Nullable String teamId,
        String keyId,
        String model,
        String operation,
        boolean stream,
        int estimatedPromptTokens,
        @Nullable Integer maxTokens,
        Set<String> requiredCapabilities,
        @Nullable String region,
        Map<String, String> tags,
        @Nullable String stickyKey,
        @Nullable List<PromptMessage> prompt,
        @Nullable String priority) {

    public DecisionRequest {
        requiredCapabilities = Set.copyOf(requiredCapabilities);
        tags = Map.copyOf(tags);
        prompt = prompt == null ? null : List.copyOf(prompt);
    }

    /** A request without prompt text and priority (the walking skeleton's shape). */
    public DecisionRequest(String requestId, String tenantId, @Nullable String teamId, String keyId, String model,
            String operation, boolean stream, int estimatedPromptTokens, @Nullable Integer maxTokens,
            Set<String> requiredCapabilities, @Nullable String region, Map<String, String> tags,
            @Nullable String stickyKey) {
        this(requestId, tenantId, teamId, keyId, model, operation, stream, estimatedPromptTokens, maxTokens,
                requiredCapabilities, region, tags, stickyKey, null, null);
    }

    /** One message of the prompt: its role ({@code system}, {@code user}, {@code assistant}, ...) and text. */
    public record PromptMessage(String role, String content) {
    }
}
