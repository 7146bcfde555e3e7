package io.signalbox.contracts.decision;

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
        @Nullable String stickyKey) {

    public DecisionRequest {
        requiredCapabilities = Set.copyOf(requiredCapabilities);
        tags = Map.copyOf(tags);
    }
}
