package io.signalbox.simulator.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.TextGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.JSON;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/completions}: OpenAI's legacy text completions, whole and streamed. */
class CompletionsHttpTests {

    private static final TextGenerator GENERATOR = new TextGenerator(3, 10, 20);

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("text", "sim-text")
                .ttft(Duration.ofMillis(20))
                .timePerOutputToken(Duration.ofMillis(2))
                .outputTokens(10, 20)
                .contextWindow(100)
                .seed(3)
                .build());
        endpoint = server.endpoint("text");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersWithATextCompletionCutAtTheDefaultSixteenTokens() {
        HttpResponse<String> response = post(endpoint, "/v1/completions",
                "{\"model\":\"sim-text\",\"prompt\":\"Once upon a time\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        Completion expected = GENERATOR.generate("sim-text", "Once upon a time", null, 16);
        assertThat(body.get("id").stringValue()).matches("cmpl-[0-9a-f]{32}");
        assertThat(body.get("object").stringValue()).isEqualTo("text_completion");
        assertThat(body.get("model").stringValue()).isEqualTo("sim-text");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("text").stringValue()).isEqualTo(expected.text());
        assertThat(choice.get("index").intValue()).isZero();
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo(expected.finishReason().wireValue());
        assertThat(expected.completionTokens()).isLessThanOrEqualTo(16);
        assertThat(body.get("usage").get("prompt_tokens").intValue()).as("16 characters, no chat framing")
                .isEqualTo(4);
        assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(expected.completionTokens());
        assertThat(body.get("usage").get("total_tokens").intValue()).isEqualTo(4 + expected.completionTokens());
    }

    @Test
    void givesEveryPromptOfAnArrayAChoiceOfItsOwn() {
        JsonNode body = json(post(endpoint, "/v1/completions",
                "{\"model\":\"sim-text\",\"prompt\":[\"First\",\"Second one\"],\"max_tokens\":50}"));

        Completion first = GENERATOR.generate("sim-text", "First", null, 50);
        Completion second = GENERATOR.generate("sim-text", "Second one", null, 50);
        assertThat(body.get("choices")).hasSize(2);
        assertThat(body.get("choices").get(0).get("text").stringValue()).isEqualTo(first.text());
        assertThat(body.get("choices").get(1).get("index").intValue()).isOne();
        assertThat(body.get("choices").get(1).get("text").stringValue()).isEqualTo(second.text());
        assertThat(body.get("choices").get(1).get("finish_reason").stringValue()).isEqualTo("stop");
        assertThat(body.get("usage").get("prompt_tokens").intValue()).isEqualTo(2 + 3);
        assertThat(body.get("usage").get("completion_tokens").intValue())
                .isEqualTo(first.completionTokens() + second.completionTokens());
    }

    @Test
    void streamsOneChunkPerTokenThenTheFinishChunkTheUsageChunkAndDone() {
        List<String> lines = stream("{\"model\":\"sim-text\",\"prompt\":\"Stream a story\",\"max_tokens\":5,"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        Completion expected = GENERATOR.generate("sim-text", "Stream a story", null, 5);
        assertThat(lines).hasSize(2 * (expected.completionTokens() + 3));
        List<String> data = lines.stream().filter(line -> !line.isEmpty()).toList();
        assertThat(data).allSatisfy(line -> assertThat(line).startsWith("data: "));
        assertThat(data.getLast()).isEqualTo("data: [DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream()
                .map(line -> JSON.readTree(line.substring("data: ".length()))).toList();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.get("object").stringValue())
                .isEqualTo("text_completion"));
        List<JsonNode> tokens = chunks.subList(0, expected.completionTokens());
        assertThat(String.join("", tokens.stream().map(chunk -> chunk.at("/choices/0/text").stringValue()).toList()))
                .isEqualTo(expected.text());
        assertThat(tokens).allSatisfy(chunk -> {
            assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue();
            assertThat(chunk.get("usage").isNull()).isTrue();
        });
        JsonNode finish = chunks.get(expected.completionTokens());
        assertThat(finish.at("/choices/0/text").stringValue()).isEmpty();
        assertThat(finish.at("/choices/0/finish_reason").stringValue()).isEqualTo("length");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/prompt_tokens").intValue()).isEqualTo(4);
        assertThat(usage.at("/usage/completion_tokens").intValue()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no prompt          | {"model":"sim-text"}                                | 400 | missing_required_parameter | prompt
            number prompt      | {"model":"sim-text","prompt":7}                     | 400 | invalid_type               | prompt
            number in array    | {"model":"sim-text","prompt":["a",1]}               | 400 | invalid_type               | prompt[1]
            empty array        | {"model":"sim-text","prompt":[]}                    | 400 | empty_array                | prompt
            zero max_tokens    | {"model":"sim-text","prompt":"a","max_tokens":0}    | 400 | integer_below_min_value    | max_tokens
            too long           | {"model":"sim-text","prompt":"a","max_tokens":100}  | 400 | context_length_exceeded    | prompt
            unknown model      | {"model":"gpt-9","prompt":"a"}                      | 404 | model_not_found            |
            """)
    void refusesBadRequestsInOpenAisErrorShape(String name, String body, int status, String code,
            String param) {
        HttpResponse<String> response = post(endpoint, "/v1/completions", body);

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = json(response).get("error");
        assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        if (param == null) {
            assertThat(error.get("param").isNull()).isTrue();
        }
        else {
            assertThat(error.get("param").stringValue()).isEqualTo(param);
        }
    }

    private static List<String> stream(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Stream<String>> response = TestHttp.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        try (Stream<String> lines = response.body()) {
            return lines.toList();
        }
    }
}
