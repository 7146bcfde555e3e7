package io.signalbox.gateway.proxy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenAiSpanAttributesTests {

    @Test
    void namesTheOperationsAsOpenTelemetryDoes() {
        assertThat(GenAiSpanAttributes.operationName("chat.completions")).isEqualTo("chat");
        assertThat(GenAiSpanAttributes.operationName("messages")).as("Anthropic's ingress").isEqualTo("chat");
        assertThat(GenAiSpanAttributes.operationName("completions")).isEqualTo("text_completion");
        assertThat(GenAiSpanAttributes.operationName("embeddings")).isEqualTo("embeddings");
    }

    @Test
    void takesTheAnswersMessagesFromAChatCompletionWithToolCallsIncluded() {
        String body = """
                {"id": "c1", "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                  "tool_calls": [{"id": "t1", "type": "function", "function": {"name": "get_weather"}}]}}],
                 "usage": {"prompt_tokens": 3, "completion_tokens": 2}}""";

        assertThat(GenAiSpanAttributes.outputMessages(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t1\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}]");
    }

    @Test
    void turnsACompletionsTextIntoAnAssistantMessageAndFindsNoneInEmbeddingsOrGarbage() {
        assertThat(GenAiSpanAttributes.outputMessages("{\"choices\": [{\"text\": \"Once upon\"}]}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo("[{\"role\":\"assistant\",\"content\":\"Once upon\"}]");
        assertThat(GenAiSpanAttributes.outputMessages("{\"data\": [{\"embedding\": [0.1]}]}"
                .getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(GenAiSpanAttributes.outputMessages("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void cutsLongTextAndSaysSo() {
        assertThat(GenAiSpanAttributes.cut("short", 10)).isEqualTo("short");
        assertThat(GenAiSpanAttributes.cut("0123456789abc", 10)).isEqualTo("0123456789…[truncated]");
    }
}
