package io.signalbox.simulator.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.faults.FaultSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The official anthropic-java SDK is the judge of whether {@code /v1/messages} speaks Anthropic's format. */
class AnthropicSdkTests {

    private static final String MODEL = "claude-sim";

    private static SimulatorServer server;

    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("anthropic", MODEL).outputTokens(12, 24).build(),
                EndpointSpec.builder("overloaded", MODEL).faults(FaultSpec.none().withErrors(1.0, 503)).build());
        client = client("anthropic");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void sdkReadsAMessageWithItsUsage() {
        Message message = client.messages().create(params("What is a gateway?"));

        message.validate();
        assertThat(message.model().asString()).isEqualTo(MODEL);
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().text()).hasValueSatisfying(text ->
                assertThat(text.text()).isNotBlank());
        assertThat(message.usage().inputTokens()).as("system 4 + 3, user 4 + 5, priming 3").isEqualTo(19);
        assertThat(message.usage().outputTokens()).isBetween(12L, 24L);
    }

    @Test
    void sdkAccumulatesAStreamIntoTheSameMessage() {
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("Stream it"))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message streamed = accumulator.message();
        Message whole = client.messages().create(params("Stream it"));
        assertThat(streamed.content()).extracting(ContentBlock::text)
                .isEqualTo(whole.content().stream().map(ContentBlock::text).toList());
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
        assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
        assertThat(streamed.usage().inputTokens()).as("the whole prompt, 17 tokens, was new").isEqualTo(17);
        assertThat(whole.usage().cacheReadInputTokens()).as("its first block was then cached").hasValue(16L);
        assertThat(whole.usage().inputTokens()).isOne();
    }

    @Test
    void sdkRaisesNotFoundForAnUnservedModel() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> client.messages().create(params("Hi").toBuilder().model("claude-9").build()));

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.getMessage()).contains("not_found_error").contains("model: claude-9");
    }

    @Test
    void sdkSeesAnInjected503AsAnthropicsOverloaded529() {
        AnthropicClient overloaded = client("overloaded");
        try {
            AnthropicServiceException error = catchThrowableOfType(AnthropicServiceException.class,
                    () -> overloaded.messages().create(params("Hi")));

            assertThat(error.statusCode()).isEqualTo(529);
            assertThat(error.getMessage()).contains("overloaded_error");
        }
        finally {
            overloaded.close();
        }
    }

    @Test
    void sdkReadsAToolUseBlockWithInputThatFitsTheSchema() {
        Message message = client.messages().create(weatherParams());

        message.validate();
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.content()).hasSize(1);
        ToolUseBlock toolUse = message.content().getFirst().toolUse().orElseThrow();
        assertThat(toolUse.id()).startsWith("toolu_");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(input(toolUse)).containsExactly(Map.entry("location", "Paris"), Map.entry("unit", "celsius"));
        assertThat(message.usage().outputTokens()).as("37 characters of input JSON").isEqualTo(10);
    }

    @Test
    void sdkAccumulatesAStreamedToolUseFromItsInputJsonDeltas() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        int[] inputDeltas = {0};

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(weatherParams())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                event.contentBlockDelta().flatMap(delta -> delta.delta().inputJson())
                        .ifPresent(delta -> inputDeltas[0]++);
            });
        }

        Message streamed = accumulator.message();
        assertThat(streamed.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock toolUse = streamed.content().getFirst().toolUse().orElseThrow();
        assertThat(toolUse.id()).startsWith("toolu_");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(input(toolUse)).containsExactly(Map.entry("location", "Paris"), Map.entry("unit", "celsius"));
        assertThat(inputDeltas[0]).as("the input arrives piece by piece").isGreaterThan(1);
        assertThat(streamed.usage().outputTokens()).isEqualTo(inputDeltas[0]);
    }

    @Test
    void sdkGetsTheToolThatToolChoiceNames() {
        MessageCreateParams params = weatherParams().toBuilder()
                .addTool(Tool.builder()
                        .name("get_time")
                        .inputSchema(schema(Map.of("zone", Map.of("type", "string")), List.of("zone")))
                        .build())
                .toolChoice(ToolChoiceTool.builder().name("get_time").build())
                .build();

        ToolUseBlock toolUse = client.messages().create(params).content().getFirst().toolUse().orElseThrow();

        assertThat(toolUse.name()).isEqualTo("get_time");
        assertThat(input(toolUse)).containsOnlyKeys("zone");
    }

    @Test
    void sdkGetsATextAnswerOnceTheToolResultIsBack() {
        Message called = client.messages().create(weatherParams());
        String toolUseId = called.content().getFirst().toolUse().orElseThrow().id();
        MessageCreateParams followUp = weatherParams().toBuilder()
                .addMessage(called)
                .addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(toolUseId)
                        .content("18 degrees")
                        .build())))
                .build();

        Message answer = client.messages().create(followUp);

        answer.validate();
        assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(answer.content()).singleElement().satisfies(block ->
                assertThat(block.text()).hasValueSatisfying(text -> assertThat(text.text()).isNotBlank()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(ToolUseBlock toolUse) {
        return toolUse._input().convert(Map.class);
    }

    private static MessageCreateParams weatherParams() {
        return params("What is the weather in Paris?").toBuilder()
                .addTool(Tool.builder()
                        .name("get_weather")
                        .description("The current weather in a city")
                        .inputSchema(schema(Map.of(
                                "location", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                                "days", Map.of("type", "integer")), List.of("location", "unit")))
                        .build())
                .build();
    }

    private static Tool.InputSchema schema(Map<String, Object> properties, List<String> required) {
        Tool.InputSchema.Properties.Builder declared = Tool.InputSchema.Properties.builder();
        properties.forEach((name, property) -> declared.putAdditionalProperty(name, JsonValue.from(property)));
        return Tool.InputSchema.builder().properties(declared.build()).required(required).build();
    }

    private static AnthropicClient client(String endpoint) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(server.endpoint(endpoint).rootUrl())
                .apiKey("sk-ant-simulated")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static MessageCreateParams params(String question) {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(256)
                .system("Be brief.")
                .addUserMessage(question)
                .build();
    }
}
