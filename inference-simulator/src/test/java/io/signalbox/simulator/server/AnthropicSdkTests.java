package io.signalbox.simulator.server;

import java.time.Duration;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
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
