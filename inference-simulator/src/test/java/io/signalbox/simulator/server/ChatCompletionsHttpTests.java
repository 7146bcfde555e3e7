package io.signalbox.simulator.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.TextGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.get;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChatCompletionsHttpTests {

    private static final Duration TTFT = Duration.ofMillis(60);

    private static final Duration TPOT = Duration.ofMillis(4);

    private static final EndpointSpec SPEC = EndpointSpec.builder("chat", "sim-small", "sim-small-lora")
            .ttft(TTFT)
            .timePerOutputToken(TPOT)
            .outputTokens(10, 20)
            .contextWindow(100)
            .seed(7)
            .build();

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(SPEC);
        endpoint = server.endpoint("chat");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersWithAnOpenAiChatCompletionAndItsUsage() {
        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("sim-small", "Hello there!", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = json(response);
        Completion expected = new TextGenerator(7, 10, 20).generate("sim-small", Prompt.user("Hello there!"), null, 90);
        assertThat(body.get("id").stringValue()).matches("chatcmpl-[0-9a-f]{32}");
        assertThat(body.get("object").stringValue()).isEqualTo("chat.completion");
        assertThat(body.get("created").longValue()).isCloseTo(Instant.now().getEpochSecond(),
                within(60L));
        assertThat(body.get("model").stringValue()).isEqualTo("sim-small");
        assertThat(body.get("choices")).hasSize(1);
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").intValue()).isZero();
        assertThat(choice.get("message").get("role").stringValue()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").stringValue()).isEqualTo(expected.text());
        assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").intValue()).as("4 per message + 3 for 12 chars + 3 priming")
                .isEqualTo(10);
        assertThat(usage.get("completion_tokens").intValue()).isEqualTo(expected.completionTokens());
        assertThat(usage.get("total_tokens").intValue()).isEqualTo(10 + expected.completionTokens());
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").intValue()).isZero();
    }

    @Test
    void sendsTheAnswerNoSoonerThanTtftPlusOneTpotPerToken() {
        long started = System.nanoTime();

        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("sim-small", "How long?", ""));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int tokens = json(response).get("usage").get("completion_tokens").intValue();
        assertThat(elapsed).isGreaterThanOrEqualTo(TTFT.plus(TPOT.multipliedBy(tokens)));
    }

    @Test
    void answersTheSameRequestAlikeAndADifferentSeedDifferently() {
        String seven = content(post(endpoint, "/v1/chat/completions", chat("sim-small", "Pick a route", "\"seed\":7")));
        String sevenAgain = content(post(endpoint, "/v1/chat/completions",
                chat("sim-small", "Pick a route", "\"seed\":7,\"temperature\":0.9")));
        String eight = content(post(endpoint, "/v1/chat/completions", chat("sim-small", "Pick a route", "\"seed\":8")));

        assertThat(sevenAgain).isEqualTo(seven);
        assertThat(eight).isNotEqualTo(seven);
    }

    @Test
    void cutsTheAnswerAtMaxTokensWithFinishReasonLength() {
        String full = content(post(endpoint, "/v1/chat/completions", chat("sim-small", "Tell me more", "")));

        JsonNode cut = json(post(endpoint, "/v1/chat/completions", chat("sim-small", "Tell me more", "\"max_tokens\":3")));

        assertThat(cut.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("length");
        assertThat(cut.get("usage").get("completion_tokens").intValue()).isEqualTo(3);
        String cutText = cut.get("choices").get(0).get("message").get("content").stringValue();
        assertThat(full).startsWith(cutText).isNotEqualTo(cutText);
    }

    @Test
    void endsTheAnswerAtTheContextWindowWhenNoMaxTokensIsGiven() {
        String prompt = "x".repeat(360);

        JsonNode body = json(post(endpoint, "/v1/chat/completions", chat("sim-small", prompt, "")));

        assertThat(body.get("usage").get("prompt_tokens").intValue()).isEqualTo(97);
        assertThat(body.get("usage").get("completion_tokens").intValue()).isEqualTo(3);
        assertThat(body.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("length");
    }

    @Test
    void refusesMalformedJsonAsAnInvalidRequest() {
        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", "{\"model\":\"sim-small\",\"messages\":[");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("""
                {"error":{"message":"We could not parse the JSON body of your request. The API expects a JSON payload, \
                but what was sent was not valid JSON.","type":"invalid_request_error","param":null,"code":null}}""");
    }

    @Test
    void refusesAModelThisEndpointDoesNotServeWith404() {
        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("gpt-4o", "Hi", ""));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("""
                {"error":{"message":"The model `gpt-4o` does not exist or you do not have access to it.",\
                "type":"invalid_request_error","param":null,"code":"model_not_found"}}""");
    }

    @Test
    void refusesAPromptPlusMaxTokensOverTheContextWindow() {
        String prompt = "x".repeat(300);

        HttpResponse<String> response = post(endpoint, "/v1/chat/completions",
                chat("sim-small", prompt, "\"max_tokens\":50"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("""
                {"error":{"message":"This model's maximum context length is 100 tokens. However, you requested 132 \
                tokens (82 in the messages, 50 in the completion). Please reduce the length of the messages or \
                completion.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");
    }

    @Test
    void refusesAPromptThatAloneFillsTheContextWindow() {
        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("sim-small", "x".repeat(372), ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("message").stringValue())
                .isEqualTo("This model's maximum context length is 100 tokens. However, your messages resulted in "
                        + "100 tokens. Please reduce the length of the messages.");
        assertThat(json(response).get("error").get("code").stringValue()).isEqualTo("context_length_exceeded");
    }

    @Test
    void answersEveryServedModelUnderItsOwnName() {
        JsonNode body = json(post(endpoint, "/v1/chat/completions", chat("sim-small-lora", "Hi", "")));

        assertThat(body.get("model").stringValue()).isEqualTo("sim-small-lora");
    }

    @Test
    void listsTheServedModelsInOpenAiShape() {
        HttpResponse<String> response = get(endpoint, "/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("object").stringValue()).isEqualTo("list");
        assertThat(body.get("data").valueStream().map(model -> model.get("id").stringValue()))
                .containsExactly("sim-small", "sim-small-lora");
        JsonNode first = body.get("data").get(0);
        assertThat(first.get("object").stringValue()).isEqualTo("model");
        assertThat(first.get("owned_by").stringValue()).isEqualTo("signalbox-simulator");
        assertThat(first.get("max_model_len").intValue()).isEqualTo(100);
        assertThat(first.get("created").longValue()).isPositive();
    }

    @Test
    void reportsHealthy() {
        HttpResponse<String> response = get(endpoint, "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void answersAnUnknownUrlWithOpenAis404() {
        HttpResponse<String> response = post(endpoint, "/v1/responses", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("""
                {"error":{"message":"Invalid URL (POST /v1/responses)","type":"invalid_request_error",\
                "param":null,"code":null}}""");
    }

    private static String content(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).get("choices").get(0).get("message").get("content").stringValue();
    }
}
