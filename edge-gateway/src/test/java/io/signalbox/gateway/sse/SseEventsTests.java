package io.signalbox.gateway.sse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventsTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one data line               | 'data: {\"a\":1}\n\n'                          | '{\"a\":1}'",
            "no space after the colon    | 'data:[DONE]\n\n'                              | '[DONE]'",
            "CR LF line endings          | 'data: x\r\n\r\n'                              | 'x'",
            "other fields ignored        | 'event: ping\nid: 7\ndata: x\nretry: 10\n\n'   | 'x'",
            "data lines joined by LF     | 'data: {\"a\":\ndata: 1}\n\n'                  | '{\"a\":\n1}'",
            "whitespace around trimmed   | 'data:   [DONE]  \n\n'                          | '[DONE]'",
            "an empty data line          | 'data:\n\n'                                     | ''"})
    void readsTheDataOfAnEvent(String what, String event, String data) {
        assertThat(SseEvents.data(event.translateEscapes().getBytes(StandardCharsets.UTF_8)))
                .asString(StandardCharsets.UTF_8).isEqualTo(data.translateEscapes());
    }

    @Test
    void anEventWithoutDataHasNone() {
        assertThat(SseEvents.data(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SseEvents.data("event: ping\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(SseEvents.data("datum: x\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void keepsMultiByteCharacters() {
        assertThat(SseEvents.data("data: {\"t\":\"héllo ✓\"}\n\n".getBytes(StandardCharsets.UTF_8)))
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"t\":\"héllo ✓\"}");
    }
}
