package io.signalbox.simulator.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.signalbox.simulator.endpoint.EndpointSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.JSON;
import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

class StreamingHttpTests {

    private static final Duration TTFT = Duration.ofMillis(150);

    private static final Duration TPOT = Duration.ofMillis(30);

    private static final int TOKENS = 8;

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("streaming", "sim-stream")
                .ttft(TTFT)
                .timePerOutputToken(TPOT)
                .outputTokens(TOKENS, TOKENS)
                .build());
        endpoint = server.endpoint("streaming");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void streamsTheRoleThenOneChunkPerTokenThenTheFinishAndDone() {
        Streamed streamed = stream(chat("sim-stream", "Stream it", "\"stream\":true"));

        assertThat(streamed.contentType()).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(streamed.rawLines()).as("every event is one data line and a blank line")
                .hasSize(2 * (TOKENS + 3))
                .satisfies(lines -> {
                    for (int index = 0; index < lines.size(); index += 2) {
                        assertThat(lines.get(index)).startsWith("data: ");
                        assertThat(lines.get(index + 1)).isEmpty();
                    }
                });
        List<Event> events = streamed.events();
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(Event::json).toList();
        String id = chunks.getFirst().get("id").stringValue();
        assertThat(id).startsWith("chatcmpl-");
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.get("id").stringValue()).isEqualTo(id);
            assertThat(chunk.get("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").stringValue()).isEqualTo("sim-stream");
            assertThat(chunk.has("usage")).as("no usage unless asked for").isFalse();
            assertThat(chunk.get("choices").get(0).get("index").intValue()).isZero();
        });
        assertThat(delta(chunks.getFirst())).isEqualTo(JSON.readTree("{\"role\":\"assistant\",\"content\":\"\"}"));
        List<JsonNode> content = chunks.subList(1, 1 + TOKENS);
        assertThat(content).allSatisfy(chunk -> {
            assertThat(delta(chunk).propertyNames()).containsExactly("content");
            assertThat(chunk.get("choices").get(0).get("finish_reason").isNull()).isTrue();
        });
        JsonNode finish = chunks.getLast();
        assertThat(delta(finish).isEmpty()).isTrue();
        assertThat(finish.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");
        String streamedText = String.join("", content.stream().map(chunk -> delta(chunk).get("content").stringValue())
                .toList());
        assertThat(streamedText).as("streaming and non-streaming answer alike")
                .isEqualTo(json(post(endpoint, "/v1/chat/completions", chat("sim-stream", "Stream it", "")))
                        .get("choices").get(0).get("message").get("content").stringValue());
    }

    @Test
    void sendsTheFirstTokenAfterTtftAndTheOthersSpacedOutByTpot() {
        List<Event> events = stream(chat("sim-stream", "Pace it", "\"stream\":true")).events();

        List<Event> content = events.subList(1, 1 + TOKENS);
        assertThat(events.getFirst().atNanos()).as("the role chunk waits for the first token")
                .isGreaterThanOrEqualTo(TTFT.toNanos());
        assertThat(content.getFirst().atNanos()).isGreaterThanOrEqualTo(TTFT.toNanos());
        for (int index = 1; index < content.size(); index++) {
            assertThat(content.get(index).atNanos()).isGreaterThanOrEqualTo(content.get(index - 1).atNanos());
        }
        long spread = content.getLast().atNanos() - content.getFirst().atNanos();
        assertThat(Duration.ofNanos(spread)).as("tokens arrive one by one, not in one flush at the end")
                .isGreaterThanOrEqualTo(TPOT.multipliedBy(TOKENS - 1).dividedBy(2));
    }

    @Test
    void addsAUsageChunkWithNoChoicesWhenTheClientAsksForUsage() {
        List<Event> events = stream(chat("sim-stream", "Count it",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true}")).events();

        assertThat(events).hasSize(TOKENS + 4);
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(Event::json).toList();
        JsonNode usageChunk = chunks.getLast();
        assertThat(usageChunk.get("choices").isArray()).isTrue();
        assertThat(usageChunk.get("choices").isEmpty()).isTrue();
        JsonNode usage = usageChunk.get("usage");
        assertThat(usage.get("prompt_tokens").intValue()).isEqualTo(4 + 2 + 3);
        assertThat(usage.get("completion_tokens").intValue()).isEqualTo(TOKENS);
        assertThat(usage.get("total_tokens").intValue()).isEqualTo(4 + 2 + 3 + TOKENS);
        assertThat(usage.get("prompt_tokens_details").get("cached_tokens").intValue()).isZero();
        assertThat(chunks.subList(0, chunks.size() - 1)).as("the other chunks carry an explicit null usage")
                .allSatisfy(chunk -> assertThat(chunk.get("usage").isNull()).isTrue());
    }

    @Test
    void endsAStreamCutAtMaxTokensWithFinishReasonLength() {
        List<Event> events = stream(chat("sim-stream", "Cut it", "\"stream\":true,\"max_completion_tokens\":3"))
                .events();

        assertThat(events).hasSize(1 + 3 + 1 + 1);
        assertThat(events.get(4).json().get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("length");
    }

    @Test
    void refusesAStreamForAnUnknownModelWithAJsonError() {
        var response = post(endpoint, "/v1/chat/completions", chat("sim-other", "Hi", "\"stream\":true"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(response).get("error").get("code").stringValue()).isEqualTo("model_not_found");
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.get("choices").get(0).get("delta");
    }

    /** Reads the event stream line by line, noting when each line arrived. */
    private static Streamed stream(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response =
                TestHttp.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try (Stream<String> received = response.body()) {
            received.forEach(line -> {
                long at = System.nanoTime() - started;
                lines.add(line);
                if (line.startsWith("data: ")) {
                    events.add(new Event(at, line.substring("data: ".length())));
                }
            });
        }
        return new Streamed(response.headers().firstValue("content-type").orElse(""), lines, events);
    }

    private record Streamed(String contentType, List<String> rawLines, List<Event> events) {
    }

    private record Event(long atNanos, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }
}
