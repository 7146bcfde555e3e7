package io.signalbox.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.faults.FaultSpec;
import io.signalbox.simulator.server.SimulatorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The official OpenAI and Anthropic Java SDKs against the gateway, over real HTTP to simulated upstreams that
 * speak either API: tool calls whole and streamed, Anthropic's {@code /v1/messages} served by OpenAI-format and
 * Anthropic-format backends, and the errors each SDK must recognise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SdkClientsIntegrationTests {

    static final String KEY = "sk-sb-sdk-clients-test-key-00000";

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final StubControlPlane CONTROL_PLANE = StubControlPlane.withKey(KEY, "key-sdk", "team-sdk");

    static final SimulatorServer UPSTREAM = SimulatorServer.start(
            EndpointSpec.builder("openai-up", "sim-gpt").outputTokens(8, 16).build(),
            EndpointSpec.builder("anthropic-up", "sim-claude").outputTokens(8, 16).build(),
            EndpointSpec.builder("cutter", "sim-gpt").outputTokens(20, 30)
                    .faults(FaultSpec.none().withStreamCutAfterChunks(4)).build());

    static {
        CONTROL_PLANE.route("gpt", List.of(StubControlPlane.target("gpt", "sim-gpt", "ep-openai",
                UPSTREAM.endpoint("openai-up").baseUrl())));
        CONTROL_PLANE.route("claude", List.of(StubControlPlane.anthropicTarget("claude", "sim-claude",
                "ep-anthropic", UPSTREAM.endpoint("anthropic-up").baseUrl())));
        CONTROL_PLANE.route("cut-short", List.of(StubControlPlane.target("cut-short", "sim-gpt", "ep-cutter",
                UPSTREAM.endpoint("cutter").baseUrl())));
        CONTROL_PLANE.credentials("provider-anthropic", "anthropic", Map.of("apiKey", "sk-ant-for-tests"));
    }

    /** The last request body a recording OpenAI-style upstream received; it answers with a fixed completion. */
    static final java.util.concurrent.atomic.AtomicReference<String> RECORDED = new java.util.concurrent.atomic.AtomicReference<>();

    static final com.sun.net.httpserver.HttpServer RECORDER = recorder();

    static {
        CONTROL_PLANE.route("recorded", List.of(StubControlPlane.target("recorded", "up-recorded", "ep-recorded",
                "http://127.0.0.1:" + RECORDER.getAddress().getPort() + "/v1")));
    }

    static final Map<String, OpenAIClient> OPENAI_CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    static final Map<String, AnthropicClient> ANTHROPIC_CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CONTROL_PLANE.wire(registry);
    }

    static com.sun.net.httpserver.HttpServer recorder() {
        try {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                RECORDED.set(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                byte[] answer = """
                        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "up-recorded",
                         "choices": [{"index": 0, "finish_reason": "stop",
                                      "message": {"role": "assistant", "content": "{\\"ok\\": true}"}}],
                         "usage": {"prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13}}"""
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        OPENAI_CLIENTS.values().forEach(OpenAIClient::close);
        ANTHROPIC_CLIENTS.values().forEach(AnthropicClient::close);
        UPSTREAM.close();
        RECORDER.stop(0);
        CONTROL_PLANE.close();
    }

    // ---- OpenAI SDK -------------------------------------------------------------------------------------------

    @Test
    void openAiSdkGetsAToolCallWithArgumentsThatFitTheSchema() {
        for (String model : List.of("gpt", "claude")) {
            ChatCompletion completion = openAi(KEY).chat().completions().create(weatherParams(model));

            completion.validate();
            ChatCompletion.Choice choice = completion.choices().getFirst();
            assertThat(choice.finishReason()).as(model).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst()
                    .asFunction();
            assertThat(call.function().name()).as(model).isEqualTo("get_weather");
            JsonNode arguments = JSON.readTree(call.function().arguments());
            assertThat(arguments.propertyNames()).as(model).containsExactlyInAnyOrder("location", "unit");
            assertThat(arguments.get("unit").asString()).isEqualTo("celsius");
            assertThat(completion.usage().orElseThrow().completionTokens()).as(model).isPositive();
        }
    }

    @Test
    void openAiSdkAccumulatesAStreamedToolCallFromEitherBackend() {
        for (String model : List.of("gpt", "claude")) {
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            List<String> fragments = new ArrayList<>();

            try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openAi(KEY).chat().completions()
                    .createStreaming(weatherParams(model))) {
                stream.stream().forEach(chunk -> {
                    accumulator.accumulate(chunk);
                    chunk.choices().forEach(choice -> choice.delta().toolCalls().orElse(List.of()).forEach(call ->
                            call.function().flatMap(function -> function.arguments())
                                    .filter(fragment -> !fragment.isEmpty()).ifPresent(fragments::add)));
                });
            }

            ChatCompletion.Choice choice = accumulator.chatCompletion().choices().getFirst();
            assertThat(choice.finishReason()).as(model).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst()
                    .asFunction();
            assertThat(call.function().name()).isEqualTo("get_weather");
            assertThat(fragments).as(model + ": the arguments arrive piece by piece").hasSizeGreaterThan(1);
            assertThat(JSON.readTree(call.function().arguments()).propertyNames()).as(model)
                    .containsExactlyInAnyOrder("location", "unit");
        }
    }

    @Test
    void openAiSdkResponseFormatReachesTheUpstreamUnchanged() {
        ChatCompletion completion = openAi(KEY).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("recorded")
                .addUserMessage("Answer in JSON")
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build());

        completion.validate();
        JsonNode sent = JSON.readTree(RECORDED.get());
        assertThat(sent.path("response_format").path("type").asString()).isEqualTo("json_object");
        assertThat(sent.path("model").asString()).as("only the model is rewritten").isEqualTo("up-recorded");
        assertThat(completion.choices().getFirst().message().content()).hasValue("{\"ok\": true}");
    }

    @Test
    void openAiSdkSeesABrokenStreamAsAnErrorNeverAsACompleteAnswer() {
        List<ChatCompletionChunk> received = new ArrayList<>();

        Throwable failure = catchThrowable(() -> {
            try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openAi(KEY).chat().completions()
                    .createStreaming(ChatCompletionCreateParams.builder().model("cut-short")
                            .addUserMessage("A long answer please").build())) {
                stream.stream().forEach(received::add);
            }
        });

        assertThat(received).as("the chunks before the break arrived").isNotEmpty();
        assertThat(failure).as("the SDK raises the gateway's error event")
                .isInstanceOf(com.openai.errors.OpenAIException.class)
                .hasMessageContaining("ended before it was complete");
    }

    @Test
    void openAiSdkRecognisesABadKeyAndAnUnknownModel() {
        UnauthorizedException badKey = catchThrowableOfType(UnauthorizedException.class,
                () -> openAi("sk-sb-not-a-key-000000000000000").chat().completions().create(params("gpt", "Hi")));
        NotFoundException unknown = catchThrowableOfType(NotFoundException.class,
                () -> openAi(KEY).chat().completions().create(params("no-such-model", "Hi")));

        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.code()).hasValue("model_not_found");
    }

    // ---- Anthropic SDK on /v1/messages -------------------------------------------------------------------------

    @Test
    void anthropicSdkReadsAMessageServedByAnOpenAiBackendAndItIsRecordedOnce() {
        var raw = anthropic(KEY).messages().withRawResponse().create(messageParams("gpt", "What is a gateway?"));
        Message message = raw.parse();

        message.validate();
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.content()).singleElement().satisfies(block ->
                assertThat(block.text()).hasValueSatisfying(text -> assertThat(text.text()).isNotBlank()));
        UsageRecorded event = UsageEvents.of(raw.headers().values("x-request-id").getFirst());
        assertThat(event.modelName()).isEqualTo("gpt");
        assertThat(event.operation()).as("recorded as the client's operation, not the backend's").isEqualTo("messages");
        assertThat(event.usage().estimated()).isFalse();
        assertThat(message.usage().outputTokens()).isEqualTo(event.usage().completionTokens().longValue());
        assertThat(message.usage().inputTokens() + message.usage().cacheReadInputTokens().orElse(0L))
                .isEqualTo(event.usage().promptTokens().longValue());
    }

    @Test
    void anthropicSdkAccumulatesAStreamFromEitherBackend() {
        for (String model : List.of("gpt", "claude")) {
            MessageAccumulator accumulator = MessageAccumulator.create();

            try (StreamResponse<RawMessageStreamEvent> stream = anthropic(KEY).messages()
                    .createStreaming(messageParams(model, "Stream it"))) {
                stream.stream().forEach(accumulator::accumulate);
            }

            Message streamed = accumulator.message();
            assertThat(streamed.stopReason()).as(model).hasValue(StopReason.END_TURN);
            assertThat(streamed.content()).as(model).singleElement().satisfies(block ->
                    assertThat(block.text()).hasValueSatisfying(text -> assertThat(text.text()).isNotBlank()));
            assertThat(streamed.usage().outputTokens()).as(model + ": the usage arrives with message_delta")
                    .isBetween(8L, 16L);
        }
    }

    @Test
    void anthropicSdkGetsToolUseWholeAndStreamed() {
        Message whole = anthropic(KEY).messages().create(toolParams("gpt"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic(KEY).messages()
                .createStreaming(toolParams("gpt"))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        for (Message message : List.of(whole, accumulator.message())) {
            assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
            ToolUseBlock toolUse = message.content().stream().map(ContentBlock::toolUse)
                    .flatMap(java.util.Optional::stream).findFirst().orElseThrow();
            assertThat(toolUse.name()).isEqualTo("get_weather");
            @SuppressWarnings("unchecked")
            Map<String, Object> input = toolUse._input().convert(Map.class);
            assertThat(input).containsOnlyKeys("location", "unit").containsEntry("unit", "celsius");
        }
    }

    @Test
    void anthropicSdkRecognisesABadKeyAndAnUnknownModel() {
        com.anthropic.errors.UnauthorizedException badKey = catchThrowableOfType(
                com.anthropic.errors.UnauthorizedException.class,
                () -> anthropic("sk-sb-not-a-key-000000000000000").messages().create(messageParams("gpt", "Hi")));
        com.anthropic.errors.NotFoundException unknown = catchThrowableOfType(
                com.anthropic.errors.NotFoundException.class,
                () -> anthropic(KEY).messages().create(messageParams("no-such-model", "Hi")));

        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(badKey.getMessage()).contains("authentication_error");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.getMessage()).contains("not_found_error").contains("no-such-model");
    }

    @Test
    void anInvalidMessagesRequestIs400InAnthropicsErrorShape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("x-api-key", KEY)
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "gpt", "messages": [{"role": "user", "content": "Hi"}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asString()).contains("max_tokens");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    OpenAIClient openAi(String key) {
        return OPENAI_CLIENTS.computeIfAbsent(key, ignored -> OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build());
    }

    AnthropicClient anthropic(String key) {
        return ANTHROPIC_CLIENTS.computeIfAbsent(key, ignored -> AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + port).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build());
    }

    static ChatCompletionCreateParams params(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question).build();
    }

    static ChatCompletionCreateParams weatherParams(String model) {
        return params(model, "What is the weather in Paris?").toBuilder()
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("The current weather in a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(weatherProperties()))
                                .putAdditionalProperty("required", JsonValue.from(List.of("location", "unit")))
                                .build())
                        .build())
                .build();
    }

    static MessageCreateParams messageParams(String model, String question) {
        return MessageCreateParams.builder().model(model).maxTokens(256).system("Be brief.").addUserMessage(question)
                .build();
    }

    static MessageCreateParams toolParams(String model) {
        Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
        weatherProperties().forEach((name, property) ->
                properties.putAdditionalProperty(name, com.anthropic.core.JsonValue.from(property)));
        return messageParams(model, "What is the weather in Paris?").toBuilder()
                .addTool(Tool.builder()
                        .name("get_weather")
                        .description("The current weather in a city")
                        .inputSchema(Tool.InputSchema.builder().properties(properties.build())
                                .required(List.of("location", "unit")).build())
                        .build())
                .build();
    }

    static Map<String, Object> weatherProperties() {
        return Map.of("location", Map.of("type", "string"),
                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                "days", Map.of("type", "integer"));
    }
}
