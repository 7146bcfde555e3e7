package io.signalbox.gateway.openai;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiRequestTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsWhatRoutingNeeds() {
        OpenAiRequest request = parse("""
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
        OpenAiRequest request = parse("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"what is this"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}
                """);

        assertThat(request.requiredCapabilities()).contains("vision");
    }

    @Test
    void upstreamBodyNamesTheUpstreamModelAndAlwaysAsksForStreamUsage() {
        OpenAiRequest request = parse("""
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
        OpenAiRequest request = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

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

    @ParameterizedTest(name = "prompt {0} -> {1} tokens")
    @CsvSource(delimiter = '|', value = {
            "\"Write a haiku about queues\"      | 7",
            "[\"first prompt\", \"second one\"] | 6",
            "[1, 2, 3, 4, 5]                      | 5",
            "[[1, 2, 3], [4, 5]]                  | 5",
    })
    void completionsTakeTextOrTokenPromptsAndNeedTheCompletionCapability(String prompt, int tokens) {
        OpenAiRequest request = OpenAiRequest.parse(Operation.COMPLETIONS,
                ("{\"model\":\"m\",\"stream\":true,\"prompt\":" + prompt + "}").getBytes(StandardCharsets.UTF_8));

        assertThat(request.estimatedPromptTokens()).isEqualTo(tokens);
        assertThat(request.requiredCapabilities()).containsExactly("completion");
        assertThat(request.stream()).isTrue();
    }

    @Test
    void embeddingsNeverStreamAndNeedTheEmbeddingsCapability() {
        OpenAiRequest request = OpenAiRequest.parse(Operation.EMBEDDINGS,
                "{\"model\":\"e\",\"stream\":true,\"input\":[\"alpha\",\"beta\"]}".getBytes(StandardCharsets.UTF_8));

        assertThat(request.stream()).as("embeddings have no streaming form").isFalse();
        assertThat(request.requiredCapabilities()).containsExactly("embeddings");
        assertThat(JSON.readTree(request.upstreamBody("up")).has("stream_options")).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "COMPLETIONS | {\"model\":\"m\"}                   | missing_required_parameter | prompt",
            "COMPLETIONS | {\"model\":\"m\",\"prompt\":[]}     | invalid_type               | prompt",
            "COMPLETIONS | {\"model\":\"m\",\"prompt\":{}}     | invalid_type               | prompt",
            "EMBEDDINGS  | {\"model\":\"m\",\"input\":[true]}  | invalid_type               | input",
            "EMBEDDINGS  | {\"model\":\"m\",\"input\":[[1,\"x\"]]} | invalid_type          | input",
    })
    void rejectsPromptsAndInputsOfTheWrongShape(Operation operation, String body, String code, String param) {
        assertThatThrownBy(() -> OpenAiRequest.parse(operation, body.strip().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OpenAiException.class, error -> {
                    assertThat(error.status().value()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo(code);
                    assertThat(error.param()).isEqualTo(param);
                });
    }

    @Test
    void routingGetsTheSystemPromptAndTheLatestTurnsWithinItsBudget() {
        OpenAiRequest request = parse("""
                {"model":"auto","messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":"%s"},
                  {"role":"assistant","content":"Sure."},
                  {"role":"user","content":[{"type":"text","text":"What is in this picture?"},
                    {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}"""
                .formatted("x".repeat(500)));

        var prompt = request.routingPrompt(60);

        assertThat(prompt).extracting(m -> m.role() + ":" + m.content()).containsExactly("system:Be brief.",
                "user:" + "x".repeat(22), "assistant:Sure.", "user:What is in this picture?");
    }

    static OpenAiRequest parse(String json) {
        return OpenAiRequest.parse(Operation.CHAT_COMPLETIONS, json.getBytes(StandardCharsets.UTF_8));
    }
}
