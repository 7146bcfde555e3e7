package io.signalbox.gateway.credentials;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each provider kind expects its credentials on a request: OpenAI and OpenAI-compatible servers take
 * {@code Authorization: Bearer}, Azure OpenAI an {@code api-key} header, Anthropic {@code x-api-key}.
 * Kinds that sign requests instead (Bedrock's SigV4, Vertex's OAuth tokens) get no header from here.
 */
final class UpstreamAuth {

    /** The credential field every header-based kind reads. */
    static final String API_KEY = "apiKey";

    private UpstreamAuth() {
    }

    /**
     * @param kind the provider kind ({@code openai}, {@code azure-openai}, {@code anthropic}, ...)
     * @param credentials the provider's secret fields; may be empty
     * @return the headers to set on every upstream request, empty when there is nothing to send
     */
    static Map<String, String> headers(String kind, Map<String, String> credentials) {
        String apiKey = credentials.get(API_KEY);
        if (apiKey == null || apiKey.isBlank()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        switch (kind) {
            case "openai", "openai-compatible" -> {
                headers.put("Authorization", "Bearer " + apiKey);
                putIfPresent(headers, "OpenAI-Organization", credentials.get("organization"));
                putIfPresent(headers, "OpenAI-Project", credentials.get("project"));
            }
            case "azure-openai" -> headers.put("api-key", apiKey);
            case "anthropic" -> headers.put("x-api-key", apiKey);
            default -> {
                // bedrock, vertex: request signing, not a static header
            }
        }
        return Map.copyOf(headers);
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
    }
}
