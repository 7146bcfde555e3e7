package io.signalbox.gateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.openai.Operation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicTranslatorTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final AnthropicTranslator translator = new AnthropicTranslator();

    @Test
    void turnsAnOpenAiConversationWithToolsIntoAMessagesRequest() {
        OpenAiRequest request = OpenAiRequest.parse(Operation.CHAT_COMPLETIONS, bytes("""
                {"model":"smart","max_tokens":300,"temperature":0.3,"stop":"END","user":"u-1","stream":true,
                 "messages":[
                   {"role":"system","content":"You are terse."},
                   {"role":"user","content":[{"type":"text","text":"Weather in Oslo?"},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR"}}]},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":"-3C, snow"},
                   {"role":"user","content":"And tomorrow?"}],
                 "tools":[{"type":"function","function":{"name":"weather","description":"Current weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "tool_choice":"required"}"""));

        JsonNode out = JSON.readTree(translator.request(request, "claude-sonnet-4-5"));

        assertThat(out.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(out.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(out.path("system").asString()).isEqualTo("You are terse.");
        assertThat(out.path("stop_sequences").get(0).asString()).isEqualTo("END");
        assertThat(out.path("metadata").path("user_id").asString()).isEqualTo("u-1");
        assertThat(out.path("stream").asBoolean()).isTrue();
        assertThat(out.path("tools").get(0).path("input_schema").path("properties").has("city")).isTrue();
        assertThat(out.path("tool_choice").path("type").asString()).isEqualTo("any");
        JsonNode messages = out.path("messages");
        assertThat(messages.findValuesAsString("role")).as("roles alternate; the tool result and the next question merge")
                .containsExactly("user", "assistant", "user");
        assertThat(messages.get(0).path("content").get(1).path("source").path("media_type").asString())
                .isEqualTo("image/png");
        assertThat(messages.get(1).path("content").get(0).path("input").path("city").asString()).isEqualTo("Oslo");
        assertThat(messages.get(2).path("content").get(0).path("type").asString()).isEqualTo("tool_result");
        assertThat(messages.get(2).path("content").get(0).path("tool_use_id").asString()).isEqualTo("call_1");
        assertThat(messages.get(2).path("content").get(1).path("text").asString()).isEqualTo("And tomorrow?");
    }

    @Test
    void alwaysSendsTheMaxTokensAnthropicRequires() {
        OpenAiRequest request = OpenAiRequest.parse(Operation.CHAT_COMPLETIONS,
                bytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        assertThat(JSON.readTree(translator.request(request, "c")).path("max_tokens").asInt())
                .isEqualTo(AnthropicTranslator.DEFAULT_MAX_TOKENS);
    }

    @Test
    void turnsAMessageWithToolUseIntoAChatCompletionWithCachedTokens() {
        JsonNode out = JSON.readTree(translator.response(bytes("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Checking."},
                            {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Oslo"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":20,"output_tokens":15,"cache_read_input_tokens":100,
                          "cache_creation_input_tokens":5}}""")));

        JsonNode choice = out.path("choices").get(0);
        assertThat(out.path("object").asString()).isEqualTo("chat.completion");
        assertThat(choice.path("message").path("content").asString()).isEqualTo("Checking.");
        assertThat(choice.path("message").path("tool_calls").get(0).path("function").path("arguments").asString())
                .isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(out.path("usage").path("prompt_tokens").asLong()).as("input + cache reads + cache writes")
                .isEqualTo(125);
        assertThat(out.path("usage").path("completion_tokens").asLong()).isEqualTo(15);
        assertThat(out.path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(100);
    }

    @Test
    void turnsAnAnthropicStreamIntoOpenAiChunksEndingWithUsageAndDone() {
        BackendTranslator.StreamTranslation stream = translator.stream();
        List<String> out = new ArrayList<>();
        for (String event : List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_9\",\"model\":\"c\","
                        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
                        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"weather\",\"input\":{}}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                        + "\"usage\":{\"output_tokens\":7}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")) {
            stream.translate(bytes(event)).forEach(chunk -> out.add(new String(chunk, StandardCharsets.UTF_8)));
        }

        assertThat(out).allSatisfy(event -> assertThat(event).startsWith("data: ").endsWith("\n\n"));
        assertThat(json(out.get(0)).path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
        assertThat(json(out.get(1)).path("choices").get(0).path("delta").path("content").asString()).isEqualTo("Hel");
        assertThat(json(out.get(3)).path("choices").get(0).path("delta").path("tool_calls").get(0).path("id").asString())
                .isEqualTo("toolu_2");
        assertThat(json(out.get(4)).path("choices").get(0).path("delta").path("tool_calls").get(0).path("function")
                .path("arguments").asString()).isEqualTo("{\"city\":");
        assertThat(json(out.get(5)).path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode usage = json(out.get(6));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asLong()).isEqualTo(12);
        assertThat(usage.path("usage").path("completion_tokens").asLong()).as("message_delta's final count").isEqualTo(7);
        assertThat(out.getLast()).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void mapsAnthropicErrorsAndTheOverloadedStatus() {
        JsonNode error = JSON.readTree(translator.error(529,
                bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        JsonNode invalid = JSON.readTree(translator.error(400,
                bytes("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}")));

        assertThat(translator.clientStatus(529)).isEqualTo(503);
        assertThat(error.path("error").path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("error").path("message").asString()).isEqualTo("Overloaded");
        assertThat(invalid.path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }

    static JsonNode json(String event) {
        return JSON.readTree(event.substring("data: ".length()).strip());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
