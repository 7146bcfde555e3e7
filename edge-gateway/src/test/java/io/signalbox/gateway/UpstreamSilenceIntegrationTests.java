package io.signalbox.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.contracts.usage.Attempt;
import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream that answers its headers and then goes quiet, or hangs up, part-way through the body: the
 * target's stream idle timeout (not its first-byte timeout) decides how long a silence may last, and a body that
 * stops is reported to the client as the upstream's failure, recorded with its attempt and counted by the
 * target's circuit breaker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamSilenceIntegrationTests {

    static final String KEY = "sk-sb-upstream-silence-key-00000";

    static final StubControlPlane CONTROL_PLANE = StubControlPlane.withKey(KEY, "key-silence", "team-silence");

    static final ExecutorService UPSTREAM_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    static final HttpServer UPSTREAM = pausingUpstream();

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        // headers at once, then a pause three times the first-byte timeout, well inside the idle timeout
        route("pause-within-idle", "up-pause", new TargetResilience(null, 300, 3_000, null, 1, null));
        // answers at once, with a short idle timeout that must not outlive its call on the pooled connection
        route("quick-short-idle", "up-quick", new TargetResilience(null, null, 300, null, 1, null));
        // headers, one chunk, then silence far beyond the idle timeout
        route("stall-stream", "up-stall", new TargetResilience(null, null, 300, null, 1, null));
        route("stall-whole", "up-stall", new TargetResilience(null, null, 300, null, 1, null));
        // a body that ends early, with a breaker that opens after two failures in two calls
        route("cut-whole", "up-cut", new TargetResilience(null, null, null, null, 1,
                new BreakerSettings(50, 2, 2, 600_000, 1)));
    }

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CONTROL_PLANE.wire(registry);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
        UPSTREAM_THREADS.shutdownNow();
        CONTROL_PLANE.close();
    }

    @Test
    void aStreamMayPauseLongerThanTheFirstByteTimeoutWhileWithinItsIdleTimeout() throws Exception {
        assertThat(send("quick-short-idle", false).statusCode()).isEqualTo(200);
        // most likely on the connection the quick call just gave back, whose 300 ms idle timeout went with it
        HttpResponse<String> response = send("pause-within-idle", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("before the pause").contains("after the pause")
                .contains("data: [DONE]").doesNotContain("\"error\"");
        UsageRecorded event = UsageEvents.of(response);
        assertThat(event.interrupted()).isFalse();
        assertThat(event.usage().completionTokens()).isEqualTo(6);
        assertThat(event.usage().estimated()).isFalse();
    }

    @Test
    void aStreamThatFallsSilentForLongerThanItsIdleTimeoutEndsWithATimeoutEvent() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send("stall-stream", true);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not held until the upstream gives up")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events.getFirst()).contains("before the silence");
        assertThat(events).doesNotContain("data: [DONE]");
        assertThat(events.getLast()).contains("\"error\"").contains("upstream_timeout");
        UsageRecorded event = UsageEvents.of(response);
        assertThat(event.interrupted()).isTrue();
        assertThat(event.errorClass()).isEqualTo("stream_idle_timeout");
        assertThat(event.attempts()).extracting(Attempt::outcome).containsExactly("interrupted");
    }

    @Test
    void aWholeAnswerThatFallsSilentPartWayIsAGatewayTimeout() throws Exception {
        HttpResponse<String> response = send("stall-whole", false);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("\"code\":\"upstream_timeout\"");
        UsageRecorded event = UsageEvents.of(response);
        assertThat(event.httpStatus()).isEqualTo(504);
        assertThat(event.errorClass()).isEqualTo("upstream_timeout");
        assertThat(event.attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .containsExactly("ep-stall-whole:timeout");
    }

    @Test
    void aWholeAnswerCutOffPartWayIsTheUpstreamsErrorAndCountsAgainstItsCircuit() throws Exception {
        for (int call = 1; call <= 2; call++) {
            HttpResponse<String> response = send("cut-whole", false);

            assertThat(response.statusCode()).as("call %d", call).isEqualTo(502);
            assertThat(response.body()).contains("\"code\":\"upstream_error\"");
            assertThat(UsageEvents.of(response).attempts())
                    .extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                    .containsExactly("ep-cut-whole:upstream_error");
        }

        HttpResponse<String> third = send("cut-whole", false);

        assertThat(third.statusCode()).as("two broken bodies in two calls open the circuit").isEqualTo(503);
        assertThat(third.body()).contains("\"code\":\"no_available_target\"");
        assertThat(UsageEvents.of(third).attempts()).extracting(Attempt::outcome).containsExactly("circuit_open");
    }

    HttpResponse<String> send(String model, boolean stream) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"take your time\"}]}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void route(String model, String upstreamModel, TargetResilience resilience) {
        DecisionTarget target = StubControlPlane.target(model, upstreamModel, "ep-" + model,
                "http://127.0.0.1:" + UPSTREAM.getAddress().getPort() + "/v1");
        CONTROL_PLANE.route(model, List.of(StubControlPlane.withResilience(target, resilience)));
    }

    /**
     * Answers by the upstream model in the request: {@code up-quick} with a whole answer at once;
     * {@code up-pause} streams, pauses 900 ms, and finishes;
     * {@code up-stall} sends its headers and a first part, then nothing for 25 s; {@code up-cut} promises a body
     * longer than it sends and closes the connection.
     */
    static HttpServer pausingUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(UPSTREAM_THREADS);
            server.createContext("/v1/chat/completions", exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean stream = request.contains("\"stream\":true");
                try {
                    if (request.contains("up-pause")) {
                        pauseThenFinish(exchange);
                    }
                    else if (request.contains("up-quick")) {
                        answer(exchange);
                    }
                    else if (request.contains("up-stall")) {
                        stall(exchange, stream);
                    }
                    else {
                        cut(exchange);
                    }
                }
                catch (IOException | InterruptedException gone) {
                    // the gateway hung up first, as it should
                }
                finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void pauseThenFinish(HttpExchange exchange) throws IOException, InterruptedException {
        OutputStream out = streamHeaders(exchange);
        event(out, chunk("before the pause"));
        Thread.sleep(900);
        event(out, chunk(" and after the pause"));
        event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up-pause\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}}");
        event(out, "[DONE]");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = ("{\"id\":\"c0\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up-quick\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"done\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,"
                + "\"total_tokens\":10}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void stall(HttpExchange exchange, boolean stream) throws IOException, InterruptedException {
        if (stream) {
            event(streamHeaders(exchange), chunk("before the silence"));
        }
        else {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 400);
            exchange.getResponseBody().write("{\"id\":\"c1\",\"object\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        }
        Thread.sleep(25_000);
    }

    private static void cut(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 400);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"id\":\"c1\",\"object\":\"chat.completion\",".getBytes(StandardCharsets.UTF_8));
        out.flush();
        // fewer bytes than promised: closing the exchange now drops the connection
    }

    private static OutputStream streamHeaders(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static String chunk(String content) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
