package io.signalbox.simulator.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.endpoint.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.JSON;
import static io.signalbox.simulator.server.TestHttp.chat;
import static io.signalbox.simulator.server.TestHttp.get;
import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SimRequestsHttpTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final SimulatorServer server = SimulatorServer.start(EndpointSpec.builder("upstream", "sim-model")
            .ttft(Duration.ZERO)
            .timePerOutputToken(Duration.ZERO)
            .requestLogSize(3)
            .build());

    private final SimulatedEndpoint endpoint = server.endpoint("upstream");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordsTraceContextAndRequestIdButOnlyThePresenceOfCredentials() {
        Instant before = Instant.now();
        post(endpoint, "/v1/chat/completions", chat("sim-model", "Hi", "\"stream\":true"),
                "traceparent", TRACEPARENT,
                "tracestate", "signalbox=1",
                "x-request-id", "req-42",
                "authorization", "Bearer sk-very-secret");

        HttpResponse<String> response = get(endpoint, "/sim/requests");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("sk-very-secret");
        JsonNode requests = json(response);
        assertThat(requests).hasSize(1);
        JsonNode recorded = requests.get(0);
        assertThat(recorded.get("method").stringValue()).isEqualTo("POST");
        assertThat(recorded.get("path").stringValue()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.get("model").stringValue()).isEqualTo("sim-model");
        assertThat(recorded.get("stream").booleanValue()).isTrue();
        assertThat(recorded.get("headers")).isEqualTo(JSON.readTree("""
                {"authorization":"present","traceparent":"%s","tracestate":"signalbox=1","x-request-id":"req-42"}"""
                .formatted(TRACEPARENT)));
        assertThat(Instant.parse(recorded.get("receivedAt").stringValue())).isBetween(before, Instant.now());
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfMostRecentRequests() {
        for (int index = 1; index <= 5; index++) {
            post(endpoint, "/v1/chat/completions", chat("sim-model", "Hi", ""), "x-request-id", "req-" + index);
        }

        List<String> kept = json(get(endpoint, "/sim/requests")).valueStream()
                .map(request -> request.get("headers").get("x-request-id").stringValue())
                .toList();

        assertThat(kept).containsExactly("req-3", "req-4", "req-5");
        assertThat(endpoint.requests()).extracting(request -> request.headers().get("x-request-id"))
                .containsExactly("req-3", "req-4", "req-5");
    }

    @Test
    void recordsRefusedRequestsButNotProbesOrItsOwnLog() {
        post(endpoint, "/v1/chat/completions", "not json");
        get(endpoint, "/health");
        get(endpoint, "/sim/requests");
        get(endpoint, "/v1/models");

        List<RecordedRequest> requests = endpoint.requests();

        assertThat(requests).extracting(RecordedRequest::method, RecordedRequest::path, RecordedRequest::model)
                .containsExactly(
                        tuple("POST", "/v1/chat/completions", null),
                        tuple("GET", "/v1/models", null));
        assertThat(json(get(endpoint, "/sim/requests")).get(0).get("model").isNull()).isTrue();
    }
}
