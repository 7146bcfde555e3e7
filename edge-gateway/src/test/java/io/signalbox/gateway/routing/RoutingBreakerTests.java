package io.signalbox.gateway.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.gateway.calls.OutgoingCalls;
import io.signalbox.gateway.calls.TraceHeaders;
import io.signalbox.gateway.openai.OpenAiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The circuit breaker in front of routing-service, against a real HTTP server that fails on demand. */
class RoutingBreakerTests {

    static final RoutingBreakerProperties BREAKER = new RoutingBreakerProperties(50, 10, 10, Duration.ofMillis(500), 2);

    final AtomicInteger calls = new AtomicInteger();

    /** What the stub answers: status and body. */
    final AtomicReference<Object[]> answer = new AtomicReference<>(new Object[] {500, "{\"status\":500}"});

    HttpServer server;

    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void opensAfterRoutingKeepsFailingThenRefusesAtOnceWithoutCallingAndClosesWhenItRecovers() throws IOException {
        RoutingClient client = client();

        for (int i = 0; i < 10; i++) {
            assertThat(codeOf(client)).isEqualTo("routing_unavailable");
        }
        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = calls.get();
        assertThat(codeOf(client)).as("refused by the open circuit").isEqualTo("routing_unavailable");
        assertThat(calls.get()).as("routing-service was not called").isEqualTo(callsWhenOpened);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", RoutingClient.BREAKER_NAME)
                .tag("state", "open").gauge().value()).isEqualTo(1.0);

        answer.set(new Object[] {200, ContractJson.toJson(new DecisionResponse("d-1", "fast", "fast", "static",
                List.of(), "scripted", 1, null, null))});
        // refused until the circuit has been open for its 500 ms, then trial calls go through
        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(OpenAiException.class).untilAsserted(() -> {
            assertThat(client.decide(request(), null).block(Duration.ofSeconds(5)).decisionId()).isEqualTo("d-1");
            assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
    }

    @Test
    void routingsAnswersAboutTheRequestDoNotOpenIt() throws IOException {
        answer.set(new Object[] {404, "{\"type\":\"https://signalbox.io/problems/unknown-model\",\"status\":404}"});
        RoutingClient client = client();

        for (int i = 0; i < 20; i++) {
            assertThat(codeOf(client)).isEqualTo("model_not_found");
        }

        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.get()).isEqualTo(20);
    }

    RoutingClient client() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/decisions", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Object[] reply = answer.get();
            byte[] body = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    (int) reply[0] == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders((int) reply[0], body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new RoutingClient(WebClient.builder(), URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "internal-token-0123456789", Duration.ofSeconds(2), BREAKER, meters,
                new OutgoingCalls(meters, Tracer.NOOP, TraceHeaders.NONE));
    }

    static String codeOf(RoutingClient client) {
        try {
            client.decide(request(), null).block(Duration.ofSeconds(5));
            return "answered";
        }
        catch (OpenAiException failure) {
            return failure.code();
        }
    }

    static DecisionRequest request() {
        return new DecisionRequest("req-1", "tenant-1", "team-1", "key-1", "fast", "chat.completions", false, 10, null,
                java.util.Set.of(), null, Map.of(), "key-1", null, null);
    }
}
