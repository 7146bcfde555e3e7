package io.signalbox.gateway.credentials;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each provider kind gets its key in the header its API reads, and nothing without a key. */
class UpstreamAuthTests {

    @Test
    void openAiAndCompatibleServersTakeABearerTokenAndOptionalOrganisationAndProject() {
        assertThat(UpstreamAuth.headers("openai", Map.of("apiKey", "sk-1", "organization", "org-1", "project", "p-1")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", "Bearer sk-1",
                        "OpenAI-Organization", "org-1", "OpenAI-Project", "p-1"));
        assertThat(UpstreamAuth.headers("openai-compatible", Map.of("apiKey", "vllm-key")))
                .containsExactly(Map.entry("Authorization", "Bearer vllm-key"));
    }

    @Test
    void azureAndAnthropicUseTheirOwnHeaders() {
        assertThat(UpstreamAuth.headers("azure-openai", Map.of("apiKey", "az"))).containsExactly(Map.entry("api-key", "az"));
        assertThat(UpstreamAuth.headers("anthropic", Map.of("apiKey", "ant"))).containsExactly(Map.entry("x-api-key", "ant"));
    }

    @Test
    void noKeyOrASigningProviderMeansNoHeader() {
        assertThat(UpstreamAuth.headers("openai", Map.of())).isEmpty();
        assertThat(UpstreamAuth.headers("openai", Map.of("apiKey", "  "))).isEmpty();
        assertThat(UpstreamAuth.headers("bedrock", Map.of("apiKey", "x", "secretAccessKey", "y"))).isEmpty();
    }
}
