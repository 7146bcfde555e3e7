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

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.faults.FaultSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.get;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectionHttpTests {

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("flaky", "m").ttft(Duration.ofMillis(5))
                .timePerOutputToken(Duration.ofMillis(1)).outputTokens(10, 10).build());
        endpoint = server.endpoint("flaky");
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
    void answersTheConfiguredServerErrorInOpenAisShape() {
        endpoint.setFaults(FaultSpec.none().withErrors(1.0, 502));

        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("m", "Hi", ""));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = json(response).get("error");
        assertThat(error.get("type").stringValue()).isEqualTo("server_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void rateLimitsWithRetryAfter() {
        endpoint.setFaults(FaultSpec.none().withRateLimit(1.0, Duration.ofSeconds(3)));

        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("m", "Hi", ""));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        assertThat(json(response).at("/error/code").stringValue()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void errorRateRefusesAShareOfRequestsDeterministically() {
        FaultSpec faults = FaultSpec.none().withErrors(0.5, 503).withSeed(11);
        endpoint.setFaults(faults);
        List<Integer> first = statuses(20);
        endpoint.setFaults(faults);
        List<Integer> again = statuses(20);

        assertThat(again).isEqualTo(first);
        assertThat(first).contains(200, 503).containsOnly(200, 503);
    }

    @Test
    void addsLatencyBeforeAnswering() {
        endpoint.setFaults(FaultSpec.none().withAddedLatency(Duration.ofMillis(300)));

        long started = System.nanoTime();
        HttpResponse<String> response = post(endpoint, "/v1/chat/completions", chat("m", "Hi", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void outageWindowSetAtRunTimeAnswers503UntilCleared() {
        HttpResponse<String> set = post(endpoint, "/sim/faults",
                "{\"outages\":[{\"start_ms\":0,\"duration_ms\":60000}]}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(get(endpoint, "/sim/faults")).at("/outages/0/duration_ms").intValue()).isEqualTo(60000);
        assertThat(post(endpoint, "/v1/chat/completions", chat("m", "Hi", "")).statusCode()).isEqualTo(503);
        assertThat(get(endpoint, "/health").statusCode()).as("health is never faulted").isEqualTo(200);

        HttpResponse<String> cleared = TestHttp.send(HttpRequest.newBuilder(
                URI.create(endpoint.rootUrl() + "/sim/faults")).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(post(endpoint, "/v1/chat/completions", chat("m", "Hi", "")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesInvalidFaults() {
        HttpResponse<String> response = post(endpoint, "/sim/faults", "{\"error_rate\":2}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").stringValue())
                .isEqualTo("Invalid faults: errorRate must be within 0..1, was 2.0");
        assertThat(endpoint.faults()).isEqualTo(FaultSpec.none());
    }

    @Test
    void cutsAStreamAfterTheConfiguredNumberOfEventsWithoutDone() throws IOException {
        endpoint.setFaults(FaultSpec.none().withStreamCutAfterChunks(3));

        List<String> events = new ArrayList<>();
        boolean failed = false;
        HttpResponse<InputStream> response = TestHttp.send(streamRequest(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
            }
        }
        catch (IOException ex) {
            failed = true;
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(events).hasSize(3).doesNotContain("[DONE]");
        assertThat(failed).as("the connection drops mid-stream").isTrue();
    }

    @Test
    void delaysTheFirstTokenOfAStream() throws IOException {
        endpoint.setFaults(FaultSpec.none().withSlowFirstToken(Duration.ofMillis(400)));

        long started = System.nanoTime();
        HttpResponse<InputStream> response = TestHttp.send(streamRequest(), HttpResponse.BodyHandlers.ofInputStream());
        long firstEventAt;
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            firstEventAt = System.nanoTime() - started;
            while (line != null) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
                line = reader.readLine();
            }
        }

        assertThat(Duration.ofNanos(firstEventAt)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(events).last().isEqualTo("[DONE]");
    }

    private static HttpRequest streamRequest() {
        return HttpRequest.newBuilder(URI.create(endpoint.rootUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("m", "Hi", "\"stream\":true"))).build();
    }

    private static List<Integer> statuses(int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            statuses.add(post(endpoint, "/v1/chat/completions", chat("m", "Hi", "")).statusCode());
        }
        return statuses;
    }
}
