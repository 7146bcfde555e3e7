package io.signalbox.simulator.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.faults.FaultSpec;
import io.signalbox.simulator.generation.Completion;
import io.signalbox.simulator.generation.Prompt;
import io.signalbox.simulator.generation.TextGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.JSON;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's {@code POST /v1/messages}: the message, the exact SSE event sequence and the error shape. */
class AnthropicMessagesHttpTests {

    private static final Duration TTFT = Duration.ofMillis(100);

    private static final Duration TPOT = Duration.ofMillis(20);

    private static final int TOKENS = 6;

    private static final TextGenerator GENERATOR = new TextGenerator(5, TOKENS, TOKENS);

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("claude", "claude-sim")
                .ttft(TTFT)
                .timePerOutputToken(TPOT)
                .outputTokens(TOKENS, TOKENS)
                .contextWindow(200)
                .seed(5)
                .build());
        endpoint = server.endpoint("claude");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void clearFaults() {
        endpoint.setFaults(FaultSpec.none());
    }

    @Test
    void answersWithAMessageOfOneTextBlockAndAnthropicsUsage() {
        HttpResponse<String> response = post(endpoint, "/v1/messages", messages("Hello there!", "", 100));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(id ->
                assertThat(id).startsWith("req_"));
        JsonNode body = json(response);
        Completion expected = GENERATOR.generate("claude-sim", Prompt.user("Hello there!"), null, 100);
        assertThat(body.get("id").stringValue()).matches("msg_[0-9a-f]{32}");
        assertThat(body.get("type").stringValue()).isEqualTo("message");
        assertThat(body.get("role").stringValue()).isEqualTo("assistant");
        assertThat(body.get("model").stringValue()).isEqualTo("claude-sim");
        assertThat(body.get("content")).hasSize(1);
        assertThat(body.at("/content/0/type").stringValue()).isEqualTo("text");
        assertThat(body.at("/content/0/text").stringValue()).isEqualTo(expected.text());
        assertThat(body.get("stop_reason").stringValue()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        assertThat(body.at("/usage/input_tokens").intValue()).as("the same count as OpenAI's").isEqualTo(10);
        assertThat(body.at("/usage/cache_creation_input_tokens").intValue()).isZero();
        assertThat(body.at("/usage/cache_read_input_tokens").intValue()).isZero();
        assertThat(body.at("/usage/output_tokens").intValue()).isEqualTo(TOKENS);
    }

    @Test
    void countsASystemPromptAsStringOrBlocksAlike() {
        JsonNode asString = json(post(endpoint, "/v1/messages",
                messages("Hi", "\"system\":\"You are terse.\"", 50)));
        JsonNode asBlocks = json(post(endpoint, "/v1/messages",
                messages("Hi", "\"system\":[{\"type\":\"text\",\"text\":\"You are terse.\"}]", 50)));

        assertThat(asString.at("/usage/input_tokens").intValue()).as("system message 4 + 4, user 4 + 1, priming 3")
                .isEqualTo(16);
        assertThat(asBlocks.get("usage")).isEqualTo(asString.get("usage"));
        assertThat(asBlocks.get("content")).isEqualTo(asString.get("content"));
    }

    @Test
    void stopsAtMaxTokensWithStopReasonMaxTokens() {
        JsonNode body = json(post(endpoint, "/v1/messages", messages("Cut me short", "", 2)));

        assertThat(body.get("stop_reason").stringValue()).isEqualTo("max_tokens");
        assertThat(body.at("/usage/output_tokens").intValue()).isEqualTo(2);
    }

    @Test
    void streamsAnthropicsExactEventSequenceWithTheUsageInMessageDelta() {
        Streamed streamed = stream(messages("Stream it", "\"stream\":true", 100));

        assertThat(streamed.contentType()).isEqualTo("text/event-stream; charset=utf-8");
        List<String> lines = streamed.lines();
        assertThat(lines).as("every event is an event line, a data line and a blank line")
                .hasSize(3 * (TOKENS + 6));
        for (int index = 0; index < lines.size(); index += 3) {
            assertThat(lines.get(index)).startsWith("event: ");
            assertThat(lines.get(index + 1)).startsWith("data: ");
            assertThat(lines.get(index + 2)).isEmpty();
        }
        List<Event> events = streamed.events();
        List<String> names = events.stream().map(Event::name).toList();
        List<String> expectedNames = new ArrayList<>(List.of("message_start", "content_block_start", "ping"));
        for (int index = 0; index < TOKENS; index++) {
            expectedNames.add("content_block_delta");
        }
        expectedNames.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertThat(names).containsExactlyElementsOf(expectedNames);
        assertThat(events).allSatisfy(event -> assertThat(event.json().get("type").stringValue())
                .isEqualTo(event.name()));

        JsonNode start = events.getFirst().json().get("message");
        assertThat(start.get("id").stringValue()).startsWith("msg_");
        assertThat(start.get("content").isEmpty()).isTrue();
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.at("/usage/input_tokens").intValue()).isEqualTo(4 + 3 + 3);
        assertThat(start.at("/usage/output_tokens").intValue()).isOne();
        assertThat(events.get(1).json().get("content_block"))
                .isEqualTo(JSON.readTree("{\"type\":\"text\",\"text\":\"\"}"));
        List<JsonNode> deltas = events.subList(3, 3 + TOKENS).stream().map(Event::json).toList();
        assertThat(deltas).allSatisfy(delta -> {
            assertThat(delta.get("index").intValue()).isZero();
            assertThat(delta.at("/delta/type").stringValue()).isEqualTo("text_delta");
        });
        String text = String.join("", deltas.stream().map(delta -> delta.at("/delta/text").stringValue()).toList());
        assertThat(text).as("streamed and whole messages say the same")
                .isEqualTo(json(post(endpoint, "/v1/messages", messages("Stream it", "", 100)))
                        .at("/content/0/text").stringValue());
        JsonNode messageDelta = events.get(events.size() - 2).json();
        assertThat(messageDelta.at("/delta/stop_reason").stringValue()).isEqualTo("end_turn");
        assertThat(messageDelta.at("/delta/stop_sequence").isNull()).isTrue();
        assertThat(messageDelta.at("/usage/output_tokens").intValue()).isEqualTo(TOKENS);
        assertThat(events.getLast().json()).isEqualTo(JSON.readTree("{\"type\":\"message_stop\"}"));
    }

    @Test
    void sendsTheFirstDeltaAfterTtftAndTheOthersSpacedOutByTpot() {
        List<Event> events = stream(messages("Pace it", "\"stream\":true", 100)).events();

        assertThat(events.getFirst().atNanos()).isGreaterThanOrEqualTo(TTFT.toNanos());
        List<Event> deltas = events.subList(3, 3 + TOKENS);
        long spread = deltas.getLast().atNanos() - deltas.getFirst().atNanos();
        assertThat(Duration.ofNanos(spread)).isGreaterThanOrEqualTo(TPOT.multipliedBy(TOKENS - 1).dividedBy(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            no max_tokens      | {"model":"claude-sim","messages":[{"role":"user","content":"Hi"}]}                   | 400 | invalid_request_error | max_tokens: Field required
            no messages        | {"model":"claude-sim","max_tokens":5}                                                 | 400 | invalid_request_error | messages: Field required
            empty messages     | {"model":"claude-sim","max_tokens":5,"messages":[]}                                   | 400 | invalid_request_error | messages: at least one message is required
            system role        | {"model":"claude-sim","max_tokens":5,"messages":[{"role":"system","content":"x"}]}    | 400 | invalid_request_error | messages.0.role: Input should be 'user' or 'assistant'
            zero max_tokens    | {"model":"claude-sim","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}     | 400 | invalid_request_error | max_tokens: Input should be greater than or equal to 1
            beyond the window  | {"model":"claude-sim","max_tokens":195,"messages":[{"role":"user","content":"Hi"}]}   | 400 | invalid_request_error | input length and `max_tokens` exceed context limit: 8 + 195 > 200, decrease input length or `max_tokens` and try again
            unknown model      | {"model":"claude-9","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}       | 404 | not_found_error       | model: claude-9
            not json           | {"model":                                                                             | 400 | invalid_request_error | There was an error parsing the body of your request: it is not valid JSON.
            """)
    void refusesBadRequestsInAnthropicsErrorShape(String name, String body, int status, String type,
            String message) {
        HttpResponse<String> response = post(endpoint, "/v1/messages", body);

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("type").stringValue()).isEqualTo("error");
        assertThat(error.at("/error/type").stringValue()).isEqualTo(type);
        assertThat(error.at("/error/message").stringValue()).isEqualTo(message);
        assertThat(error.get("request_id").stringValue())
                .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }

    @ParameterizedTest(name = "injected {0} -> {1} {2}")
    @CsvSource({
        "503, 529, overloaded_error",
        "500, 500, api_error",
        "502, 502, api_error",
    })
    void mapsInjectedServerErrorsToAnthropicsErrors(int injected, int status, String type) {
        endpoint.setFaults(FaultSpec.none().withErrors(1.0, injected));

        HttpResponse<String> response = post(endpoint, "/v1/messages", messages("Hi", "", 5));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).at("/error/type").stringValue()).isEqualTo(type);
    }

    @Test
    void answersAnInjectedRateLimitWithRateLimitErrorAndRetryAfter() {
        endpoint.setFaults(FaultSpec.none().withRateLimit(1.0, Duration.ofSeconds(4)));

        HttpResponse<String> response = post(endpoint, "/v1/messages", messages("Hi", "", 5));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("4");
        assertThat(json(response).at("/error/type").stringValue()).isEqualTo("rate_limit_error");
    }

    @Test
    void cutsAStreamAfterTheConfiguredEventsWithoutMessageStop() throws IOException {
        endpoint.setFaults(FaultSpec.none().withStreamCutAfterChunks(4));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.rootUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(messages("Cut the stream", "\"stream\":true", 100)))
                .build();
        List<String> names = new ArrayList<>();
        boolean dropped = false;

        HttpResponse<InputStream> response = TestHttp.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    names.add(line.substring("event: ".length()));
                }
            }
        }
        catch (IOException ex) {
            dropped = true;
        }

        assertThat(names).containsExactly("message_start", "content_block_start", "ping", "content_block_delta");
        assertThat(dropped).as("the connection drops mid-stream").isTrue();
    }

    private static String messages(String userText, String extraFields, int maxTokens) {
        String extra = extraFields.isEmpty() ? "" : "," + extraFields;
        return "{\"model\":\"claude-sim\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":" + JSON.writeValueAsString(userText) + "}]" + extra + "}";
    }

    /** Reads the event stream line by line, noting when each event's data arrived. */
    private static Streamed stream(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.rootUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = TestHttp.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        String[] name = {""};
        try (Stream<String> received = response.body()) {
            received.forEach(line -> {
                lines.add(line);
                if (line.startsWith("event: ")) {
                    name[0] = line.substring("event: ".length());
                }
                else if (line.startsWith("data: ")) {
                    events.add(new Event(System.nanoTime() - started, name[0], line.substring("data: ".length())));
                }
            });
        }
        return new Streamed(response.headers().firstValue("content-type").orElse(""), lines, events);
    }

    private record Streamed(String contentType, List<String> lines, List<Event> events) {
    }

    private record Event(long atNanos, String name, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }
}
