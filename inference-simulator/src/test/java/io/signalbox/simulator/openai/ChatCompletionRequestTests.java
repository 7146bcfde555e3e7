package io.signalbox.simulator.openai;

import io.signalbox.simulator.generation.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatCompletionRequestTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheFieldsThatShapeTheAnswer() {
        ChatCompletionRequest request = parse("""
                {"model":"llama-8b","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","name":"ada","content":"Hi"}],
                 "max_tokens":32,"stream":true,"stream_options":{"include_usage":true},"seed":7,
                 "temperature":0.2,"tools":[{"type":"function","function":{"name":"f"}}],"n":1}
                """);

        assertThat(request.model()).isEqualTo("llama-8b");
        assertThat(request.prompt()).isEqualTo(Prompt.of(new Prompt.Message("system", null, "Be brief."),
                new Prompt.Message("user", "ada", "Hi")));
        assertThat(request.maxTokens()).isEqualTo(32);
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.seed()).isEqualTo(7L);
    }

    @Test
    void treatsTextPartsLikeTheSameTextAsAString() {
        ChatCompletionRequest parts = parse("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"Hello"},
                 {"type":"image_url","image_url":{"url":"https://example.com/a.png"}},{"type":"text","text":"there"}]}]}
                """);
        ChatCompletionRequest string = parse("""
                {"model":"m","messages":[{"role":"user","content":"Hello\\nthere"}]}
                """);

        assertThat(parts.prompt()).isEqualTo(string.prompt());
    }

    @Test
    void prefersMaxCompletionTokensOverTheDeprecatedMaxTokens() {
        ChatCompletionRequest request = parse("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":100,"max_completion_tokens":5}
                """);

        assertThat(request.maxTokens()).isEqualTo(5);
    }

    @Test
    void acceptsAnAssistantTurnWithoutContent() {
        ChatCompletionRequest request = parse("""
                {"model":"m","messages":[{"role":"user","content":"Hi"},
                 {"role":"assistant","content":null,"tool_calls":[]},{"role":"tool","content":"42"}]}
                """);

        assertThat(request.prompt().messages()).extracting(Prompt.Message::text).containsExactly("Hi", "", "42");
        assertThat(request.stream()).isFalse();
        assertThat(request.includeUsage()).isFalse();
        assertThat(request.maxTokens()).isNull();
        assertThat(request.seed()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            missing model        | {"messages":[{"role":"user","content":"Hi"}]}                   | model                 | missing_required_parameter | Missing required parameter: 'model'.
            model not a string   | {"model":7,"messages":[{"role":"user","content":"Hi"}]}         | model                 | invalid_type               | Invalid type for 'model': expected a string, but got an integer instead.
            missing messages     | {"model":"m"}                                                   | messages              | missing_required_parameter | Missing required parameter: 'messages'.
            empty messages       | {"model":"m","messages":[]}                                     | messages              | empty_array                | Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.
            message without role | {"model":"m","messages":[{"content":"Hi"}]}                     | messages[0].role      | missing_required_parameter | Missing required parameter: 'messages[0].role'.
            content a number     | {"model":"m","messages":[{"role":"user","content":1.5}]}        | messages[0].content   | invalid_type               | Invalid type for 'messages[0].content': expected a string or an array of content parts, but got a decimal instead.
            zero max_tokens      | {"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":0} | max_tokens   | integer_below_min_value    | Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.
            text max_tokens      | {"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":"9"} | max_tokens | invalid_type               | Invalid type for 'max_tokens': expected an integer, but got a string instead.
            stream as text       | {"model":"m","messages":[{"role":"user","content":"Hi"}],"stream":"yes"} | stream       | invalid_type               | Invalid type for 'stream': expected a boolean, but got a string instead.
            """)
    void refusesAMalformedRequestNamingTheParameter(String what, String body, String param, String code,
            String message) {
        OpenAiException error = catchThrowableOfType(OpenAiException.class, () -> parse(body));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type()).isEqualTo("invalid_request_error");
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            no tools                | ~"messages":[{"role":"user","content":"Hi"}]~                                             | ~~
            tool_choice absent      | ~"messages":[{"role":"user","content":"Hi"}],"tools":TOOLS~                               | a
            tool_choice auto        | ~"messages":[{"role":"user","content":"Hi"}],"tools":TOOLS,"tool_choice":"auto"~          | a
            tool_choice required    | ~"messages":[{"role":"user","content":"Hi"}],"tools":TOOLS,"tool_choice":"required"~      | a
            tool_choice none        | ~"messages":[{"role":"user","content":"Hi"}],"tools":TOOLS,"tool_choice":"none"~          | ~~
            tool_choice names b     | ~"messages":[{"role":"user","content":"Hi"}],"tools":TOOLS,"tool_choice":{"type":"function","function":{"name":"b"}}~ | b
            after a tool result     | ~"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":null},{"role":"tool","content":"42"}],"tools":TOOLS~ | ~~
            custom tools only       | ~"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"custom","custom":{"name":"c"}}]~ | ~~
            """)
    void choosesTheFunctionTheAnswerCalls(String what, String fields, String expected) {
        String tools = "[{\"type\":\"custom\",\"custom\":{\"name\":\"c\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"b\",\"parameters\":{\"type\":\"object\"}}}]";

        ChatCompletionRequest request = parse("{\"model\":\"m\"," + fields.replace("TOOLS", tools) + "}");

        assertThat(request.tool() == null ? null : request.tool().name()).isEqualTo(expected.isEmpty() ? null
                : expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            tools not an array   | ~"tools":{"type":"function"}~                                      | tools                   | invalid_type               | Invalid type for 'tools': expected an array, but got an object instead.
            function without name | ~"tools":[{"type":"function","function":{}}]~                    | tools[0].function.name  | missing_required_parameter | Missing required parameter: 'tools[0].function.name'.
            unknown choice       | ~"tools":[{"type":"function","function":{"name":"a"}}],"tool_choice":"always"~ | tool_choice | invalid_value | Invalid value: 'always'. Supported values are: 'none', 'auto', and 'required'.
            unknown function     | ~"tools":[{"type":"function","function":{"name":"a"}}],"tool_choice":{"type":"function","function":{"name":"z"}}~ | tool_choice | invalid_value | Invalid value for 'tool_choice': function 'z' is not among the functions in 'tools'.
            """)
    void refusesMalformedToolsNamingTheParameter(String what, String fields, String param, String code,
            String message) {
        OpenAiException error = catchThrowableOfType(OpenAiException.class, () -> parse(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]," + fields + "}"));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    private ChatCompletionRequest parse(String body) {
        return ChatCompletionRequest.from(json.readTree(body));
    }
}
