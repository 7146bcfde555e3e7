package io.signalbox.simulator.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.signalbox.simulator.endpoint.EndpointSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The official openai-java SDK is the judge of whether the wire format is OpenAI's. */
class OpenAiSdkTests {

    private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

    private static SimulatorServer server;

    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("sdk", MODEL).outputTokens(12, 24).build());
        client = OpenAIOkHttpClient.builder()
                .baseUrl(server.endpoint("sdk").baseUrl())
                .apiKey("sk-simulated")
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void sdkReadsACompletionWithItsUsage() {
        ChatCompletion completion = client.chat().completions().create(params("What is a gateway?"));

        completion.validate();
        assertThat(completion.model()).isEqualTo(MODEL);
        assertThat(completion.choices()).hasSize(1);
        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message().content()).hasValueSatisfying(content -> assertThat(content).isNotBlank());
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(4 + 5 + 3);
        assertThat(usage.completionTokens()).isBetween(12L, 24L);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @Test
    void sdkReadsAStreamChunkByChunkIncludingTheUsageChunk() {
        ChatCompletionCreateParams params = params("What is a router?").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }

        chunks.forEach(ChatCompletionChunk::validate);
        StringBuilder text = new StringBuilder();
        chunks.stream().flatMap(chunk -> chunk.choices().stream())
                .forEach(choice -> choice.delta().content().ifPresent(text::append));
        String nonStreamed = client.chat().completions().create(params("What is a router?")).choices().getFirst()
                .message().content().orElseThrow();
        assertThat(text.toString()).isEqualTo(nonStreamed);
        assertThat(chunks.getFirst().choices().getFirst().delta().role())
                .hasValue(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        Optional<ChatCompletionChunk.Choice.FinishReason> finish = chunks.get(chunks.size() - 2).choices().getFirst()
                .finishReason();
        assertThat(finish).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).hasValueSatisfying(usage ->
                assertThat(usage.completionTokens()).isEqualTo(chunks.size() - 3));
    }

    @Test
    void sdkRaisesNotFoundForAnUnservedModel() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o")
                        .addUserMessage("Hi")
                        .build()));

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.code()).hasValue("model_not_found");
        assertThat(error.type()).hasValue("invalid_request_error");
        assertThat(error.getMessage()).contains("The model `gpt-4o` does not exist");
    }

    @Test
    void sdkReadsALegacyTextCompletionWholeAndStreamed() {
        CompletionCreateParams params = CompletionCreateParams.builder()
                .model(MODEL)
                .prompt("The gateway routes")
                .maxTokens(8)
                .build();

        Completion whole = client.completions().create(params);
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<Completion> stream = client.completions().createStreaming(params)) {
            // Not validated: the SDK declares finish_reason required, yet OpenAI streams it as null until the end.
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> streamed.append(choice.text())));
        }

        whole.validate();
        assertThat(whole.choices()).hasSize(1);
        assertThat(whole.choices().getFirst().finishReason()).isEqualTo(CompletionChoice.FinishReason.LENGTH);
        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(8);
        assertThat(streamed.toString()).isEqualTo(whole.choices().getFirst().text());
    }

    @Test
    void sdkReadsEmbeddings() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model(MODEL)
                .input("embed this")
                .build());

        response.validate();
        assertThat(response.data()).hasSize(1);
        List<Float> vector = response.data().getFirst().embedding();
        assertThat(vector).hasSize(EndpointSpec.DEFAULT_EMBEDDING_DIMENSIONS);
        double squares = vector.stream().mapToDouble(component -> component * component).sum();
        assertThat(Math.sqrt(squares)).isCloseTo(1.0, within(1e-5));
        assertThat(response.usage().promptTokens()).isEqualTo(3);
    }

    @Test
    void sdkReadsAToolCallWithArgumentsThatFitTheSchema() {
        ChatCompletion completion = client.chat().completions().create(weatherParams());

        completion.validate();
        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content()).isEmpty();
        assertThat(choice.message().toolCalls().orElseThrow()).hasSize(1);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).startsWith("call_");
        assertThat(call.function().name()).isEqualTo("get_weather");
        JsonNode arguments = TestHttp.JSON.readTree(call.function().arguments());
        assertThat(arguments.propertyNames()).containsExactly("location", "unit");
        assertThat(arguments.get("unit").stringValue()).isEqualTo("celsius");
        assertThat(arguments.get("location").stringValue()).as("a word of the question").isEqualTo("Paris");
        assertThat(completion.usage().orElseThrow().completionTokens()).as("37 characters of arguments")
                .isEqualTo(10);
    }

    @Test
    void sdkAccumulatesAStreamedToolCallFromItsArgumentFragments() {
        ChatCompletionCreateParams params = weatherParams().toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<String> fragments = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                chunk.choices().forEach(choice -> choice.delta().toolCalls().orElse(List.of()).forEach(call ->
                        call.function().flatMap(function -> function.arguments())
                                .filter(fragment -> !fragment.isEmpty())
                                .ifPresent(fragments::add)));
            });
        }

        ChatCompletion streamed = accumulator.chatCompletion();
        ChatCompletion.Choice choice = streamed.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).startsWith("call_");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(fragments).as("the arguments arrive piece by piece").hasSizeGreaterThan(1);
        assertThat(call.function().arguments()).isEqualTo(String.join("", fragments));
        JsonNode arguments = TestHttp.JSON.readTree(call.function().arguments());
        assertThat(arguments.propertyNames()).containsExactly("location", "unit");
        assertThat(arguments.get("unit").stringValue()).isEqualTo("celsius");
        assertThat(streamed.usage().orElseThrow().completionTokens()).isEqualTo(fragments.size());
    }

    @Test
    void sdkGetsTheToolThatToolChoiceNames() {
        ChatCompletionCreateParams params = weatherParams().toBuilder()
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_time")
                        .parameters(schema(Map.of("zone", Map.of("type", "string")), List.of("zone")))
                        .build())
                .toolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder().name("get_time").build())
                        .build())
                .build();

        ChatCompletionMessageFunctionToolCall call = client.chat().completions().create(params).choices().getFirst()
                .message().toolCalls().orElseThrow().getFirst().asFunction();

        assertThat(call.function().name()).isEqualTo("get_time");
        assertThat(TestHttp.JSON.readTree(call.function().arguments()).propertyNames()).containsExactly("zone");
    }

    @Test
    void sdkGetsATextAnswerOnceTheToolResultIsBack() {
        ChatCompletion called = client.chat().completions().create(weatherParams());
        String callId = called.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction().id();
        ChatCompletionCreateParams followUp = weatherParams().toBuilder()
                .addMessage(called.choices().getFirst().message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(callId).content("18 degrees").build())
                .build();

        ChatCompletion answer = client.chat().completions().create(followUp);

        answer.validate();
        ChatCompletion.Choice choice = answer.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(choice.message().toolCalls()).isEmpty();
        assertThat(choice.message().content()).hasValueSatisfying(content -> assertThat(content).isNotBlank());
    }

    private static ChatCompletionCreateParams weatherParams() {
        return params("What is the weather in Paris?").toBuilder()
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("The current weather in a city")
                        .parameters(schema(Map.of(
                                "location", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                                "days", Map.of("type", "integer")), List.of("location", "unit")))
                        .build())
                .build();
    }

    private static FunctionParameters schema(Map<String, Object> properties, List<String> required) {
        return FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(properties))
                .putAdditionalProperty("required", JsonValue.from(required))
                .build();
    }

    private static ChatCompletionCreateParams params(String question) {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage(question)
                .build();
    }
}
