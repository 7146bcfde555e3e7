package io.signalbox.gateway;

import java.time.Duration;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
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

/**
 * An operator who turns {@code signalbox.gateway.tracing.capture-content} on finds the prompt and the answer on
 * each traced request's span, streamed answers included, cut at the configured length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.tracing.sampling.probability=1.0",
    "signalbox.gateway.tracing.capture-content=true",
    "signalbox.gateway.tracing.max-content-chars=2000"})
@Import(GenAiContentCaptureIntegrationTests.Capture.class)
class GenAiContentCaptureIntegrationTests {

    static final String KEY = "sk-sb-content-capture-key-000000";

    static final StubControlPlane CONTROL_PLANE = StubControlPlane.withKey(KEY, "key-capture", "team-capture");

    static final SimulatorServer UPSTREAM = SimulatorServer.start(
            EndpointSpec.builder("chat-up", "sim-llama-8b").outputTokens(8, 16).build());

    static final CapturedSpans SPANS = new CapturedSpans();

    static {
        CONTROL_PLANE.route("smart", List.of(StubControlPlane.target("llama-8b", "sim-llama-8b", "ep-chat",
                UPSTREAM.endpoint("chat-up").baseUrl())));
    }

    @Value("${local.server.port}")
    int port;

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
    void theSpanCarriesThePromptAndTheAnswer() {
        HttpResponseFor<ChatCompletion> response = openAi().chat().completions().withRawResponse()
                .create(GenAiSpansIntegrationTests.params("smart", "Name the longest river in Portugal."));
        String answer = response.parse().choices().getFirst().message().content().orElseThrow();

        SpanData span = SPANS.serverSpanOf(GenAiSpansIntegrationTests.requestId(response));
        assertThat(attribute(span, "gen_ai.input.messages")).contains("\"role\":\"user\"")
                .contains("Name the longest river in Portugal.");
        assertThat(attribute(span, "gen_ai.output.messages")).contains("\"role\":\"assistant\"")
                .contains(answer);
    }

    @Test
    void aStreamedAnswerIsCollectedForTheSpanAsItPasses() {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = openAi().chat().completions()
                .withRawResponse().createStreaming(GenAiSpansIntegrationTests.params("smart", "Stream me a haiku."));
        StringBuilder answer = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(choice -> choice.delta().content().ifPresent(answer::append)));
        }

        SpanData span = SPANS.serverSpanOf(GenAiSpansIntegrationTests.requestId(response));
        assertThat(answer).isNotEmpty();
        assertThat(attribute(span, "gen_ai.input.messages")).contains("Stream me a haiku.");
        assertThat(attribute(span, "gen_ai.output.messages")).contains(answer.toString());
    }

    @Test
    void aLongPromptIsCutAtTheConfiguredLength() {
        String longPrompt = "All work and no play makes a long prompt. ".repeat(100);
        HttpResponseFor<ChatCompletion> response = openAi().chat().completions().withRawResponse()
                .create(GenAiSpansIntegrationTests.params("smart", longPrompt));
        response.parse();

        String input = attribute(SPANS.serverSpanOf(GenAiSpansIntegrationTests.requestId(response)), "gen_ai.input.messages");
        assertThat(input).hasSize(2000 + "…[truncated]".length()).endsWith("…[truncated]");
    }

    OpenAIClient client;

    OpenAIClient openAi() {
        if (client == null) {
            client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(KEY)
                    .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        }
        return client;
    }

    /** Collects this context's spans as they end. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Capture {

        @Bean
        SpanProcessor contentCapturingSpanProcessor() {
            return SPANS;
        }
    }
}
