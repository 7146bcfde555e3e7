package io.signalbox.gateway.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.signalbox.gateway.openai.OpenAiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnthropicClientTranslatorTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final AnthropicClientTranslator translator = new AnthropicClientTranslator();

    @Test
    void turnsAMessagesRequestWithToolsAndImagesIntoAChatCompletionsRequest() {
        JsonNode out = request("""
                {"model":"claude-sonnet-4-5","max_tokens":512,"temperature":0.2,"top_p":0.9,"top_k":40,
                 "stop_sequences":["END"],"stream":true,"metadata":{"user_id":"u-7"},
                 "system":[{"type":"text","text":"You are terse."},{"type":"text","text":"Answer in English."}],
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Weather here?"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                     {"type":"image","source":{"type":"url","url":"https://example.com/sky.jpg"}}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"s"},
                     {"type":"text","text":"Checking."},
                     {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Oslo"}},
                     {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Bergen"}}]},
                   {"role":"user","content":[{"type":"text","text":"And tomorrow?"},
                     {"type":"tool_result","tool_use_id":"toolu_1","content":"-3C, snow"},
                     {"type":"tool_result","tool_use_id":"toolu_2","is_error":true,
                      "content":[{"type":"text","text":"station"},{"type":"text","text":"offline"}]}]}],
                 "tools":[{"name":"weather","description":"Current weather",
                   "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"weather","disable_parallel_tool_use":true}}""");

        assertThat(out.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(out.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(out.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(out.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(out.has("top_k")).as("no OpenAI counterpart").isFalse();
        assertThat(out.path("stop").get(0).asString()).isEqualTo("END");
        assertThat(out.path("stream").asBoolean()).isTrue();
        assertThat(out.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(out.path("user").asString()).isEqualTo("u-7");
        JsonNode tool = out.path("tools").get(0);
        assertThat(tool.path("type").asString()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asString()).isEqualTo("weather");
        assertThat(tool.path("function").path("description").asString()).isEqualTo("Current weather");
        assertThat(tool.path("function").path("parameters").path("properties").has("city")).isTrue();
        assertThat(out.path("tool_choice").path("function").path("name").asString()).isEqualTo("weather");
        assertThat(out.path("parallel_tool_calls").asBoolean(true)).isFalse();

        JsonNode messages = out.path("messages");
        assertThat(messages.findValuesAsString("role"))
                .as("tool results come right after the assistant's calls, before the rest of the user turn")
                .containsExactly("system", "user", "assistant", "tool", "tool", "user");
        assertThat(messages.get(0).path("content").asString()).isEqualTo("You are terse.\n\nAnswer in English.");
        JsonNode question = messages.get(1).path("content");
        assertThat(question.get(0).path("text").asString()).isEqualTo("Weather here?");
        assertThat(question.get(1).path("image_url").path("url").asString()).isEqualTo("data:image/png;base64,iVBOR");
        assertThat(question.get(2).path("image_url").path("url").asString()).isEqualTo("https://example.com/sky.jpg");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("content").asString()).as("thinking dropped").isEqualTo("Checking.");
        assertThat(assistant.path("tool_calls").findValuesAsString("id")).containsExactly("toolu_1", "toolu_2");
        JsonNode firstCall = assistant.path("tool_calls").get(0);
        assertThat(firstCall.path("type").asString()).isEqualTo("function");
        assertThat(firstCall.path("function").path("name").asString()).isEqualTo("weather");
        assertThat(JSON.readTree(firstCall.path("function").path("arguments").asString()).path("city").asString())
                .isEqualTo("Oslo");
        assertThat(messages.get(3).path("tool_call_id").asString()).isEqualTo("toolu_1");
        assertThat(messages.get(3).path("content").asString()).isEqualTo("-3C, snow");
        assertThat(messages.get(4).path("tool_call_id").asString()).isEqualTo("toolu_2");
        assertThat(messages.get(4).path("content").asString()).isEqualTo("Error: station\n\noffline");
        assertThat(messages.get(5).path("content").get(0).path("text").asString()).isEqualTo("And tomorrow?");
    }

    @Test
    void keepsStringContentAndLeavesStreamAndOptionalFieldsOutWhenNotAsked() {
        JsonNode out = request("""
                {"model":"m","max_tokens":10,"system":"Be brief.",
                 "messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},
                             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}""");

        assertThat(out.path("messages").findValuesAsString("role"))
                .as("a user turn of only tool results leaves no empty user message")
                .containsExactly("system", "user", "assistant", "tool");
        assertThat(out.path("messages").get(1).path("content").asString()).isEqualTo("hi");
        assertThat(out.path("messages").get(2).path("content").asString()).isEqualTo("hello");
        assertThat(out.has("stream")).isFalse();
        assertThat(out.has("stream_options")).isFalse();
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(out.has("parallel_tool_calls")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"auto"}                         | "auto"
            {"type":"any"}                          | "required"
            {"type":"none"}                         | "none"
            {"type":"tool","name":"weather"}        | {"type":"function","function":{"name":"weather"}}
            """)
    void mapsToolChoice(String anthropic, String openAi) {
        JsonNode out = request("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"weather\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":"
                + anthropic + "}");

        assertThat(out.path("tool_choice")).isEqualTo(JSON.readTree(openAi));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                 | {"model":                                                                                     |
            not an object            | ["model"]                                                                                     |
            missing model            | {"max_tokens":5,"messages":[{"role":"user","content":"hi"}]}                                  | model
            blank model              | {"model":" ","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}                      | model
            missing messages         | {"model":"m","max_tokens":5}                                                                  | messages
            empty messages           | {"model":"m","max_tokens":5,"messages":[]}                                                    | messages
            missing max_tokens       | {"model":"m","messages":[{"role":"user","content":"hi"}]}                                     | max_tokens
            zero max_tokens          | {"model":"m","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}                      | max_tokens
            text max_tokens          | {"model":"m","max_tokens":"5","messages":[{"role":"user","content":"hi"}]}                    | max_tokens
            system role              | {"model":"m","max_tokens":5,"messages":[{"role":"system","content":"hi"}]}                    | messages.0.role
            missing content          | {"model":"m","max_tokens":5,"messages":[{"role":"user"}]}                                     | messages.0.content
            unknown block type       | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"video"}]}]}        | messages.0.content.0.type
            document block           | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document"}]}]}     | messages.0.content.0.type
            tool_use from user       | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_use","id":"t","name":"n","input":{}}]}]} | messages.0.content.0.type
            tool_result missing id   | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]} | messages.0.content.0.tool_use_id
            file image source        | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]} | messages.0.content.0.source.type
            tool without schema      | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"n"}]} | tools.0.input_schema
            server tool              | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"web_search_20250305","name":"web_search"}]} | tools.0.type
            unknown tool_choice      | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"tool_choice":{"type":"some"}} | tool_choice.type
            system number            | {"model":"m","max_tokens":5,"system":3,"messages":[{"role":"user","content":"hi"}]}           | system
            """)
    void rejectsRequestsThatAreNotValidMessagesRequests(String name, String body, String param) {
        OpenAiException error = catchThrowableOfType(OpenAiException.class, () -> translator.request(bytes(body)));

        assertThat(error).as(name).isNotNull();
        assertThat(error.status().value()).isEqualTo(400);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isNotBlank();
        if (param != null) {
            assertThat(error.getMessage()).as("the message names the field, since Anthropic errors have no param")
                    .startsWith(param + ":");
        }
    }

    @Test
    void turnsAChatCompletionWithToolCallsIntoAMessageWithCacheReads() {
        JsonNode out = JSON.readTree(translator.response(bytes("""
                {"id":"chatcmpl-42","object":"chat.completion","created":1,"model":"gpt-4.1",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"Checking.",
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}},
                                 {"id":"call_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":"}}]}}],
                 "usage":{"prompt_tokens":120,"completion_tokens":15,"total_tokens":135,
                          "prompt_tokens_details":{"cached_tokens":100}}}""")));

        assertThat(out.path("id").asString()).isEqualTo("msg_chatcmpl-42");
        assertThat(out.path("type").asString()).isEqualTo("message");
        assertThat(out.path("role").asString()).isEqualTo("assistant");
        assertThat(out.path("model").asString()).isEqualTo("gpt-4.1");
        JsonNode content = out.path("content");
        assertThat(content.findValuesAsString("type")).containsExactly("text", "tool_use", "tool_use");
        assertThat(content.get(0).path("text").asString()).isEqualTo("Checking.");
        assertThat(content.get(1).path("id").asString()).isEqualTo("call_1");
        assertThat(content.get(1).path("name").asString()).isEqualTo("weather");
        assertThat(content.get(1).path("input").path("city").asString()).isEqualTo("Oslo");
        assertThat(content.get(2).path("input")).as("arguments that are not JSON").isEqualTo(JSON.createObjectNode());
        assertThat(out.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(out.path("stop_sequence").isNull()).isTrue();
        assertThat(out.path("usage").path("input_tokens").asLong()).as("prompt tokens minus cache reads").isEqualTo(20);
        assertThat(out.path("usage").path("output_tokens").asLong()).isEqualTo(15);
        assertThat(out.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource({ "stop, end_turn", "length, max_tokens", "tool_calls, tool_use", "function_call, tool_use",
            "content_filter, refusal" })
    void mapsFinishReasonsToStopReasons(String finishReason, String stopReason) {
        JsonNode out = JSON.readTree(translator.response(bytes("{\"model\":\"m\",\"choices\":[{\"finish_reason\":\""
                + finishReason + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"}}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":0}}")));

        assertThat(out.path("stop_reason").asString()).isEqualTo(stopReason);
        assertThat(out.path("content")).as("no empty text block").isEmpty();
        assertThat(out.path("id").asString()).as("generated when OpenAI's answer has none").startsWith("msg_")
                .hasSizeGreaterThan(10);
        assertThat(out.path("usage").path("cache_read_input_tokens").asLong(-1)).isZero();
    }

    @ParameterizedTest
    @CsvSource({ "400, invalid_request_error", "401, authentication_error", "403, permission_error",
            "404, not_found_error", "413, request_too_large", "429, rate_limit_error", "422, invalid_request_error",
            "500, api_error", "502, api_error", "503, overloaded_error", "529, overloaded_error" })
    void mapsErrorsByStatus(int status, String type) {
        JsonNode out = JSON.readTree(translator.error(status, bytes("""
                {"error":{"message":"Something specific.","type":"server_error","param":null,"code":"x"}}""")));

        assertThat(out.path("type").asString()).isEqualTo("error");
        assertThat(out.path("error").path("type").asString()).isEqualTo(type);
        assertThat(out.path("error").path("message").asString()).isEqualTo("Something specific.");
    }

    @Test
    void answersAnErrorBodyThatIsNotJsonWithAGenericMessage() {
        JsonNode out = JSON.readTree(translator.error(502, bytes("<html>Bad Gateway</html>")));

        assertThat(out.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(out.path("error").path("message").asString()).contains("502");
    }

    @Test
    void turnsATextStreamIntoAnthropicEvents() {
        List<String> out = translate(translator.stream(),
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Hel\"}", null),
                chunk("{\"content\":\"lo!\"}", null),
                chunk("{}", "stop"),
                "data: {\"id\":\"chatcmpl-7\",\"model\":\"gpt-4.1\",\"choices\":[],\"usage\":{\"prompt_tokens\":30,"
                        + "\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":10}}}\n\n",
                "data: [DONE]\n\n");

        assertThat(out).allSatisfy(event -> assertThat(event).startsWith("event: ").contains("\ndata: {").endsWith("}\n\n"));
        assertThat(names(out)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode message = data(out.get(0)).path("message");
        assertThat(message.path("id").asString()).isEqualTo("msg_chatcmpl-7");
        assertThat(message.path("model").asString()).isEqualTo("gpt-4.1");
        assertThat(message.path("content")).isEmpty();
        assertThat(message.path("usage").path("input_tokens").asLong(-1)).as("not known until the end").isZero();
        assertThat(data(out.get(1)).path("content_block").path("type").asString()).isEqualTo("text");
        assertThat(concatenated(out, "text")).isEqualTo("Hello!");
        assertThat(data(out.get(2)).path("delta").path("type").asString()).isEqualTo("text_delta");
        JsonNode delta = data(out.get(5));
        assertThat(delta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(delta.path("delta").path("stop_sequence").isNull()).isTrue();
        assertThat(delta.path("usage").path("input_tokens").asLong()).isEqualTo(20);
        assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(3);
        assertThat(delta.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(10);
        assertThat(data(out.get(6)).path("type").asString()).isEqualTo("message_stop");
    }

    @Test
    void givesEachStreamedToolCallItsOwnContentBlock() {
        List<String> out = translate(translator.stream(),
                chunk("{\"role\":\"assistant\",\"content\":\"Let me check.\"}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]}", null),
                chunk("{}", "tool_calls"),
                "data: {\"id\":\"chatcmpl-7\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4}}\n\n",
                "data: [DONE]\n\n");

        assertThat(names(out)).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        JsonNode firstTool = data(out.get(4));
        assertThat(firstTool.path("index").asInt()).isEqualTo(1);
        assertThat(firstTool.path("content_block").path("type").asString()).isEqualTo("tool_use");
        assertThat(firstTool.path("content_block").path("id").asString()).isEqualTo("call_1");
        assertThat(firstTool.path("content_block").path("name").asString()).isEqualTo("weather");
        assertThat(firstTool.path("content_block").path("input")).isEqualTo(JSON.createObjectNode());
        assertThat(data(out.get(5)).path("delta").path("type").asString()).isEqualTo("input_json_delta");
        assertThat(concatenated(out.subList(4, 8), "partial_json")).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(data(out.get(8)).path("index").asInt()).isEqualTo(2);
        assertThat(data(out.get(8)).path("content_block").path("name").asString()).isEqualTo("time");
        assertThat(concatenated(out.subList(8, 11), "partial_json")).isEqualTo("{}");
        assertThat(out.stream().filter(e -> e.startsWith("event: content_block_stop")).map(e -> data(e).path("index").asInt()))
                .containsExactly(0, 1, 2);
        assertThat(data(out.get(11)).path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(data(out.get(11)).path("usage").path("input_tokens").asLong()).isEqualTo(9);
    }

    @Test
    void endsABrokenStreamWithAnErrorEventAndNothingAfter() {
        BackendTranslator.StreamTranslation stream = translator.stream();
        List<String> out = translate(stream,
                chunk("{\"role\":\"assistant\",\"content\":\"Par\"}", null),
                "data: {\"error\":{\"message\":\"The upstream stream broke.\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":\"stream_interrupted\"}}\n\n",
                "data: [DONE]\n\n");

        assertThat(names(out)).containsExactly("message_start", "content_block_start", "content_block_delta", "error");
        JsonNode error = data(out.get(3));
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(error.path("error").path("message").asString()).isEqualTo("The upstream stream broke.");
    }

    @Test
    void reportsAnOverloadedUpstreamInTheStreamAsOverloaded() {
        List<String> out = translate(translator.stream(), "data: {\"error\":{\"message\":\"Overloaded\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":\"overloaded_error\"}}\n\n");

        assertThat(names(out)).containsExactly("error");
        assertThat(data(out.get(0)).path("error").path("type").asString()).isEqualTo("overloaded_error");
    }

    @Test
    void closesAStreamWithoutAUsageChunkAtDone() {
        List<String> out = translate(translator.stream(), chunk("{\"content\":\"Hi\"}", null), chunk("{}", "length"),
                "data: [DONE]\n\n");

        assertThat(names(out)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(data(out.get(4)).path("delta").path("stop_reason").asString()).isEqualTo("max_tokens");
        assertThat(data(out.get(4)).path("usage").path("output_tokens").asLong(-1)).isZero();
    }

    JsonNode request(String body) {
        return JSON.readTree(translator.request(bytes(body)));
    }

    static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    static List<String> translate(BackendTranslator.StreamTranslation stream, String... events) {
        List<String> out = new ArrayList<>();
        for (String event : events) {
            stream.translate(bytes(event)).forEach(e -> out.add(new String(e, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The event names; each must match the data's type, as Anthropic's SDKs expect. */
    static List<String> names(List<String> events) {
        return events.stream().map(event -> {
            String name = event.substring("event: ".length(), event.indexOf('\n'));
            assertThat(data(event).path("type").asString()).isEqualTo(name);
            return name;
        }).toList();
    }

    static String concatenated(List<String> events, String field) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.startsWith("event: content_block_delta"))
                .forEach(e -> text.append(data(e).path("delta").path(field).asString("")));
        return text.toString();
    }

    static JsonNode data(String event) {
        return JSON.readTree(event.substring(event.indexOf("\ndata: ") + "\ndata: ".length()).strip());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
