package io.signalbox.gateway;

import java.time.Duration;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.server.SimulatorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.signalbox.gateway.CapturedSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The spans a platform team's tracing backend receives from the gateway: every traced request's server span
 * carries OpenTelemetry's GenAI attributes (operation, requested and answering model, provider, token counts),
 * streams included, and never the prompt or the completion. Spans are read as the OpenTelemetry SDK exports them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=1.0")
@Import(GenAiSpansIntegrationTests.SpanCapture.class)
class GenAiSpansIntegrationTests {

    static final String KEY = "sk-sb-genai-spans-test-key-00000";

    /** A word that appears only in prompts: no span attribute may contain it. */
    static final String SECRET = "pelican-7731";

    static final StubControlPlane CONTROL_PLANE = StubControlPlane.withKey(KEY, "key-spans", "team-spans");

    static final SimulatorServer UPSTREAM = SimulatorServer.start(
            EndpointSpec.builder("chat-up", "sim-llama-8b").outputTokens(8, 16).build());

    static final CapturedSpans SPANS = new CapturedSpans();

    static {
        CONTROL_PLANE.route("smart", List.of(StubControlPlane.target("llama-8b", "sim-llama-8b", "ep-chat",
                UPSTREAM.endpoint("chat-up").baseUrl(), "provider-selfhosted")));
    }

    @Value("${local.server.port}")
    int port;

    OpenAIClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CONTROL_PLANE.wire(registry);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.close();
        CONTROL_PLANE.close();
    }

    @Test
    void aCompletionsSpanNamesTheRequestedAndTheAnsweringModelAndTheTokensTheUpstreamReported() {
        HttpResponseFor<ChatCompletion> response = openAi().chat().completions().withRawResponse()
                .create(params("smart", "Name three rivers. " + SECRET));
        ChatCompletion completion = response.parse();

        SpanData span = SPANS.serverSpanOf(requestId(response));
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(attribute(span, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(attribute(span, "gen_ai.request.model")).isEqualTo("smart");
        assertThat(attribute(span, "gen_ai.response.model")).isEqualTo("llama-8b");
        assertThat(attribute(span, "gen_ai.provider.name")).isEqualTo("provider-selfhosted");
        assertThat(attribute(span, "signalbox.endpoint")).isEqualTo("ep-chat");
        assertThat(attribute(span, "signalbox.upstream.model")).isEqualTo("sim-llama-8b");
        assertThat(attribute(span, "signalbox.decision.id")).isEqualTo(response.headers()
                .values("x-signalbox-decision-id").getFirst());
        assertThat(attribute(span, "gen_ai.usage.input_tokens"))
                .isEqualTo(Long.toString(completion.usage().orElseThrow().promptTokens()));
        assertThat(attribute(span, "gen_ai.usage.output_tokens"))
                .isEqualTo(Long.toString(completion.usage().orElseThrow().completionTokens()));
        assertThat(attribute(span, "signalbox.usage.estimated")).isEqualTo("false");
        assertThat(attribute(span, "signalbox.attempts")).isEqualTo("1");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                .as("content capture is off unless an operator turns it on").isNull();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages"))).isNull();
        assertThat(span.getTraceId()).as("the usage event names the same trace")
                .isEqualTo(UsageEvents.of(requestId(response)).traceId());
        assertNoPromptOrCompletionText(completion.choices().getFirst().message().content().orElseThrow());
    }

    @Test
    void aTracedRequestsCallsToRoutingAndToTheUpstreamAreClientSpansUnderItsServerSpan() {
        HttpResponseFor<ChatCompletion> response = openAi().chat().completions().withRawResponse()
                .create(params("smart", "Count to three."));
        response.parse();

        SpanData server = SPANS.serverSpanOf(requestId(response));
        await().atMost(Duration.ofSeconds(10)).until(() -> clientSpansUnder(server).size() == 2);
        List<SpanData> calls = clientSpansUnder(server);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(call.getName()).isEqualTo("http post");
            assertThat(attribute(call, "status")).isEqualTo("200");
            assertThat(attribute(call, "outcome")).isEqualTo("SUCCESS");
        });
        SpanData decision = calls.stream().filter(call -> "/v1/decisions".equals(attribute(call, "uri")))
                .findFirst().orElseThrow();
        SpanData upstream = calls.stream().filter(call -> "/v1/chat/completions".equals(attribute(call, "uri")))
                .findFirst().orElseThrow();
        assertThat(CONTROL_PLANE.decisionTraceparents.get(requestId(response)))
                .as("routing-service continues the trace under the decision call's span")
                .isEqualTo("00-" + server.getTraceId() + "-" + decision.getSpanId() + "-01");
        assertThat(UPSTREAM.endpoint("chat-up").requests())
                .as("the upstream continues the trace under the upstream call's span")
                .anySatisfy(recorded -> assertThat(recorded.headers().get("traceparent"))
                        .isEqualTo("00-" + server.getTraceId() + "-" + upstream.getSpanId() + "-01"));
        assertThat(UsageEvents.traceparentOf(requestId(response)))
                .as("the usage record's consumers continue the trace under the request's server span")
                .isEqualTo("00-" + server.getTraceId() + "-" + server.getSpanId() + "-01");
    }

    static List<SpanData> clientSpansUnder(SpanData server) {
        return SPANS.all().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT && server.getSpanId().equals(span.getParentSpanId()))
                .toList();
    }

    @Test
    void aStreamsSpanStillGetsTheTokenCountsOfTheFinalUsageChunk() {
        ChatCompletionCreateParams params = params("smart", "Stream a haiku. " + SECRET).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = openAi().chat().completions()
                .withRawResponse().createStreaming(params);
        StringBuilder text = new StringBuilder();
        long[] reported = new long[2];
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usage -> {
                    reported[0] = usage.promptTokens();
                    reported[1] = usage.completionTokens();
                });
            });
        }

        SpanData span = SPANS.serverSpanOf(requestId(response));
        assertThat(reported[1]).as("the upstream reported usage in its last chunk").isPositive();
        assertThat(attribute(span, "signalbox.stream")).isEqualTo("true");
        assertThat(attribute(span, "gen_ai.response.model")).isEqualTo("llama-8b");
        assertThat(attribute(span, "gen_ai.usage.input_tokens")).isEqualTo(Long.toString(reported[0]));
        assertThat(attribute(span, "gen_ai.usage.output_tokens")).isEqualTo(Long.toString(reported[1]));
        assertThat(attribute(span, "signalbox.usage.estimated")).isEqualTo("false");
        assertNoPromptOrCompletionText(text.toString());
    }

    @Test
    void anEmbeddingsSpanSaysEmbeddingsAndCountsOnlyInputTokens() {
        HttpResponseFor<CreateEmbeddingResponse> response = openAi().embeddings().withRawResponse()
                .create(EmbeddingCreateParams.builder().model("smart").input("Embed me. " + SECRET).build());
        CreateEmbeddingResponse embeddings = response.parse();

        SpanData span = SPANS.serverSpanOf(requestId(response));
        assertThat(attribute(span, "gen_ai.operation.name")).isEqualTo("embeddings");
        assertThat(attribute(span, "gen_ai.usage.input_tokens"))
                .isEqualTo(Long.toString(embeddings.usage().promptTokens()));
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.output_tokens"))).isNull();
        assertNoPromptOrCompletionText("");
    }

    @Test
    void aRefusedRequestsSpanNamesTheModelAskedForAndWhyItFailed() {
        NotFoundException refused = catchThrowableOfType(NotFoundException.class,
                () -> openAi().chat().completions().create(params("no-such-model", "Hello " + SECRET)));

        String requestId = refused.headers().values("x-request-id").getFirst();
        SpanData span = SPANS.serverSpanOf(requestId);
        assertThat(attribute(span, "gen_ai.request.model")).isEqualTo("no-such-model");
        assertThat(attribute(span, "error.type")).isEqualTo("model_not_found");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
                .as("nothing answered").isNull();
        assertNoPromptOrCompletionText("");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** No exported span of the gateway, for any request so far, holds prompt or completion text. */
    static void assertNoPromptOrCompletionText(String completion) {
        for (SpanData span : SPANS.all()) {
            span.getAttributes().forEach((key, value) -> {
                assertThat(String.valueOf(value)).as("span %s attribute %s", span.getName(), key)
                        .doesNotContain(SECRET);
                if (completion.length() > 8) {
                    assertThat(String.valueOf(value)).doesNotContain(completion);
                }
            });
        }
    }

    static String requestId(HttpResponseFor<?> response) {
        return response.headers().values("x-request-id").getFirst();
    }

    OpenAIClient openAi() {
        if (client == null) {
            client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(KEY).maxRetries(0)
                    .timeout(Duration.ofSeconds(30)).build();
        }
        return client;
    }

    static ChatCompletionCreateParams params(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question).build();
    }

    /** Collects every span as it ends, alongside the exporters the application configures. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SpanCapture {

        @Bean
        SpanProcessor capturingSpanProcessor() {
            return SPANS;
        }
    }
}
