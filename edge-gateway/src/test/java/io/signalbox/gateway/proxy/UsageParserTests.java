package io.signalbox.gateway.proxy;

import java.nio.charset.StandardCharsets;

import io.signalbox.contracts.usage.TokenUsage;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageParserTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheAnswersUsageWhereverItStandsAmongTheTopLevelFields() {
        TokenUsage usage = parse("""
                {"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"}}],
                 "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,
                          "prompt_tokens_details":{"cached_tokens":8},
                          "completion_tokens_details":{"reasoning_tokens":2}},
                 "system_fingerprint":"fp"}""");

        assertThat(usage).isEqualTo(new TokenUsage(12, 5, 8, 2, false));
    }

    @Test
    void aUsageObjectInsideTheChoicesIsNotTheAnswers() {
        TokenUsage usage = parse("""
                {"choices":[{"message":{"content":"x","tool_calls":[{"function":{"arguments":"{}"}}]},
                             "usage":{"prompt_tokens":999,"completion_tokens":999}}],
                 "meta":{"usage":{"prompt_tokens":1}}}""");

        assertThat(usage).as("no top-level usage: not reported").isNull();
    }

    @Test
    void aMissingOrNullUsageIsNotReportedRatherThanZero() {
        assertThat(parse("{\"choices\":[]}")).isNull();
        assertThat(parse("{\"choices\":[],\"usage\":null}")).isNull();
        assertThat(parse("[1,2]")).isNull();
        assertThat(parse("{\"usage\":{\"prompt_tokens\":3}}")).isEqualTo(new TokenUsage(3, null, null, null, false));
    }

    @Test
    void aBodyThatIsNotJsonBeforeItsUsageIsAnError() {
        assertThatThrownBy(() -> parse("{\"choices\": [oops], \"usage\": {}}")).isInstanceOf(JacksonException.class);
    }

    static TokenUsage parse(String body) {
        return UsageParser.fromAnswer(JSON, body.getBytes(StandardCharsets.UTF_8));
    }
}
