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
import io.signalbox.simulator.endpoint.RecordedRequest;
import io.signalbox.simulator.faults.FaultSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.JSON;
import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Tool calls on the wire, byte by byte where the SDK tests cannot see: delta shapes, pacing, faults, refusals. */
class ToolCallsHttpTests {

    private static final Duration TTFT = Duration.ofMillis(120);

    private static final Duration TPOT = Duration.ofMillis(20);

    private static final String TOOLS = """
            "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
             "properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
             "required":["location","unit"]}}}]""";

    private static final String ANTHROPIC_TOOLS = """
            "tools":[{"name":"get_weather","input_schema":{"type":"object",
             "properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
             "required":["location","unit"]}}]""";

    private static final String ARGUMENTS = "{\"location\":\"Paris\",\"unit\":\"celsius\"}";

    /** 37 characters: nine fragments of four and one of one. */
    private static final int FRAGMENTS = 10;

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("tools", "sim-tools")
                .ttft(TTFT)
                .timePerOutputToken(TPOT)
                .build());
        endpoint = server.endpoint("tools");
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
    void streamsAToolCallInOpenAisDeltaShapeAtTheEnginesPace() {
        List<Event> events = stream("/v1/chat/completions", chat("sim-tools", "Weather in Paris?",
                TOOLS + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(events).hasSize(1 + FRAGMENTS + 1 + 1 + 1);
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        JsonNode opening = delta(events.getFirst().json());
        String callId = opening.at("/tool_calls/0/id").stringValue();
        assertThat(callId).matches("call_[0-9a-f]{24}");
        assertThat(opening).isEqualTo(JSON.readTree("""
                {"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"%s","type":"function",
                 "function":{"name":"get_weather","arguments":""}}]}""".formatted(callId)));
        List<Event> fragments = events.subList(1, 1 + FRAGMENTS);
        StringBuilder arguments = new StringBuilder();
        for (Event fragment : fragments) {
            JsonNode delta = delta(fragment.json());
            assertThat(delta.propertyNames()).containsExactly("tool_calls");
            assertThat(delta.at("/tool_calls/0/index").intValue()).isZero();
            assertThat(delta.at("/tool_calls/0/function").propertyNames()).containsExactly("arguments");
            arguments.append(delta.at("/tool_calls/0/function/arguments").stringValue());
        }
        assertThat(arguments.toString()).isEqualTo(ARGUMENTS);
        JsonNode finish = events.get(1 + FRAGMENTS).json().at("/choices/0");
        assertThat(finish.get("delta").isEmpty()).isTrue();
        assertThat(finish.get("finish_reason").stringValue()).isEqualTo("tool_calls");
        assertThat(events.get(2 + FRAGMENTS).json().at("/usage/completion_tokens").intValue()).isEqualTo(FRAGMENTS);
        assertThat(events.getFirst().atNanos()).as("the call opens once prefill is done")
                .isGreaterThanOrEqualTo(TTFT.toNanos());
        assertThat(Duration.ofNanos(fragments.getLast().atNanos() - fragments.getFirst().atNanos()))
                .as("fragments arrive one output token apart, not in one flush")
                .isGreaterThanOrEqualTo(TPOT.multipliedBy(FRAGMENTS - 1).dividedBy(2));
    }

    @Test
    void answersAToolCallWholeWithNullContentAndItsArguments() {
        JsonNode body = json(post(endpoint, "/v1/chat/completions", chat("sim-tools", "Weather in Paris?", TOOLS)));

        JsonNode message = body.at("/choices/0/message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.at("/tool_calls/0/type").stringValue()).isEqualTo("function");
        assertThat(message.at("/tool_calls/0/function/name").stringValue()).isEqualTo("get_weather");
        assertThat(message.at("/tool_calls/0/function/arguments").stringValue()).isEqualTo(ARGUMENTS);
        assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("tool_calls");
        assertThat(body.at("/usage/completion_tokens").intValue()).isEqualTo(FRAGMENTS);
        RecordedRequest recorded = endpoint.requests().getLast();
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.model()).isEqualTo("sim-tools");
    }

    @Test
    void cutsAToolCallStreamAfterTheConfiguredChunksLikeATextStream() throws IOException {
        endpoint.setFaults(FaultSpec.none().withStreamCutAfterChunks(3));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.rootUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(chat("sim-tools", "Weather in Paris?",
                        TOOLS + ",\"stream\":true")))
                .build();
        List<String> events = new ArrayList<>();
        boolean dropped = false;

        HttpResponse<InputStream> response = TestHttp.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring("data: ".length()));
                }
            }
        }
        catch (IOException ex) {
            dropped = true;
        }

        assertThat(events).hasSize(3).doesNotContain("[DONE]");
        assertThat(JSON.readTree(events.getLast()).at("/choices/0/delta/tool_calls/0/function/arguments").isString())
                .isTrue();
        assertThat(dropped).as("the connection drops mid-call").isTrue();
    }

    @Test
    void answersWithTextWhenToolChoiceIsNone() {
        JsonNode body = json(post(endpoint, "/v1/chat/completions", chat("sim-tools", "Weather in Paris?",
                TOOLS + ",\"tool_choice\":\"none\"")));

        assertThat(body.at("/choices/0/message/content").stringValue()).isNotBlank();
        assertThat(body.at("/choices/0/message").has("tool_calls")).isFalse();
        assertThat(body.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
    }

    @Test
    void refusesAForcedFunctionThatIsNotAmongTheTools() {
        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("sim-tools", "Weather?",
                TOOLS + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"error":{"message":"Invalid value for 'tool_choice': function 'get_time' is not among the functions \
                in 'tools'.","type":"invalid_request_error","param":"tool_choice","code":"invalid_value"}}"""));
    }

    @Test
    void streamsAToolUseInAnthropicsEventShape() {
        List<Event> events = stream("/v1/messages", anthropic("Weather in Paris?", ",\"stream\":true"));

        List<String> expected = new ArrayList<>(List.of("message_start", "content_block_start", "ping"));
        for (int index = 0; index < FRAGMENTS; index++) {
            expected.add("content_block_delta");
        }
        expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertThat(events).extracting(Event::name).containsExactlyElementsOf(expected);
        JsonNode block = events.get(1).json().get("content_block");
        String id = block.get("id").stringValue();
        assertThat(id).matches("toolu_[0-9a-f]{24}");
        assertThat(block).isEqualTo(JSON.readTree("""
                {"type":"tool_use","id":"%s","name":"get_weather","input":{},"caller":{"type":"direct"}}"""
                .formatted(id)));
        StringBuilder input = new StringBuilder();
        for (Event delta : events.subList(3, 3 + FRAGMENTS)) {
            assertThat(delta.json().at("/delta/type").stringValue()).isEqualTo("input_json_delta");
            input.append(delta.json().at("/delta/partial_json").stringValue());
        }
        assertThat(input.toString()).isEqualTo(ARGUMENTS);
        JsonNode messageDelta = events.get(events.size() - 2).json();
        assertThat(messageDelta.at("/delta/stop_reason").stringValue()).isEqualTo("tool_use");
        assertThat(messageDelta.at("/usage/output_tokens").intValue()).isEqualTo(FRAGMENTS);
    }

    @Test
    void answersAnthropicWithTextAfterToolResults() {
        String body = """
                {"model":"sim-tools","max_tokens":100,%s,"messages":[
                 {"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather",
                  "input":{"location":"Paris","unit":"celsius"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18 degrees"}]}]}
                """.formatted(ANTHROPIC_TOOLS);

        JsonNode message = json(post(endpoint, "/v1/messages", body));

        assertThat(message.at("/content/0/type").stringValue()).isEqualTo("text");
        assertThat(message.get("stop_reason").stringValue()).isEqualTo("end_turn");
    }

    @Test
    void refusesAForcedAnthropicToolThatIsNotAmongTheTools() {
        HttpResponse<String> response = post(endpoint, "/v1/messages",
                anthropic("Weather?", ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_time\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(json(response).at("/error/message").stringValue())
                .isEqualTo("tool_choice.name: tool 'get_time' is not among the request's tools");
    }

    private static String anthropic(String userText, String extra) {
        return "{\"model\":\"sim-tools\",\"max_tokens\":100," + ANTHROPIC_TOOLS + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":" + JSON.writeValueAsString(userText) + "}]" + extra + "}";
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.at("/choices/0/delta");
    }

    /** The events of a stream with their names (Anthropic's) and when their data arrived. */
    private static List<Event> stream(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.rootUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = TestHttp.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        String[] name = {""};
        try (Stream<String> received = response.body()) {
            received.forEach(line -> {
                if (line.startsWith("event: ")) {
                    name[0] = line.substring("event: ".length());
                }
                else if (line.startsWith("data: ")) {
                    events.add(new Event(System.nanoTime() - started, name[0], line.substring("data: ".length())));
                }
            });
        }
        return events;
    }

    private record Event(long atNanos, String name, String data) {

        JsonNode json() {
            return JSON.readTree(data);
        }
    }
}
