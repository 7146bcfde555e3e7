package io.signalbox.gateway.openai;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatCompletionRequestTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsWhatRoutingNeeds() {
        ChatCompletionRequest request = parse("""
                {"model":"auto","stream":true,"max_tokens":64,"user":"u-7",
                 "messages":[{"role":"user","content":"Say hello to the world, please."}],
                 "tools":[{"type":"function","function":{"name":"f"}}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{}}}}
                """);

        assertThat(request.model()).isEqualTo("auto");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsageRequested()).isFalse();
        assertThat(request.maxTokens()).isEqualTo(64);
        assertThat(request.user()).isEqualTo("u-7");
        assertThat(request.requiredCapabilities()).containsExactlyInAnyOrder("chat", "tools", "json_schema");
        // 30 chars -> 8 tokens, + 4 per message + 3 priming
        assertThat(request.estimatedPromptTokens()).isEqualTo(15);
    }

    @Test
    void imagePartsNeedVision() {
        ChatCompletionRequest request = parse("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what is this"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}
                """);

        assertThat(request.requiredCapabilities()).contains("vision");
    }

    @Test
    void upstreamBodyNamesTheUpstreamModelAndAlwaysAsksForStreamUsage() {
        ChatCompletionRequest request = parse("""
                {"model":"auto","stream":true,"temperature":0.2,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"lookup"}}]}
                """);

        JsonNode upstream = JSON.readTree(request.upstreamBody("meta-llama/Llama-3.1-8B-Instruct"));

        assertThat(upstream.path("model").asString()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(upstream.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(upstream.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(upstream.path("tools").get(0).path("function").path("name").asString()).isEqualTo("lookup");
        assertThat(request.body().path("model").asString()).as("client body untouched").isEqualTo("auto");
    }

    @Test
    void nonStreamingBodyGetsNoStreamOptions() {
        ChatCompletionRequest request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(JSON.readTree(request.upstreamBody("up")).has("stream_options")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{not json                                            | null                       | null",
            "[1,2]                                                | null                       | null",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | missing_required_parameter | model",
            "{\"model\":\"m\"}                                     | missing_required_parameter | messages",
            "{\"model\":\"m\",\"messages\":[]}                     | missing_required_parameter | messages",
            "{\"model\":\"m\",\"messages\":[{}],\"stream\":\"yes\"} | invalid_type               | stream",
            "{\"model\":\"m\",\"messages\":[{}],\"max_tokens\":0}   | invalid_value              | max_tokens",
    })
    void rejectsMalformedRequestsWithA400NamingTheParameter(String body, String code, String param) {
        assertThatThrownBy(() -> parse(body.strip()))
                .isInstanceOfSatisfying(OpenAiException.class, error -> {
                    assertThat(error.status().value()).isEqualTo(400);
                    assertThat(error.type()).isEqualTo("invalid_request_error");
                    assertThat(error.code()).isEqualTo("null".equals(code) ? null : code);
                    assertThat(error.param()).isEqualTo("null".equals(param) ? null : param);
                });
    }

    static ChatCompletionRequest parse(String json) {
        return ChatCompletionRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
