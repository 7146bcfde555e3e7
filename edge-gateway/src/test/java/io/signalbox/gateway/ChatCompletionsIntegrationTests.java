package io.signalbox.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.catalog.BreakerSettings;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.decision.TargetResilience;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.infra.Ports;
import io.signalbox.infra.SharedInfra;
import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.faults.FaultSpec;
import io.signalbox.simulator.server.SimulatorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway over real HTTP: real Kafka, a real simulated upstream, and a scripted control plane standing
 * in for routing-service and the registry (their real behaviour is covered by the end-to-end test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatCompletionsIntegrationTests {

    static final String KEY = "sk-sb-gateway-test-key-0123456789";

    static final String LIMITED_KEY = "sk-sb-limited-to-two-requests-000";

    static final String SCOPED_KEY = "sk-sb-scoped-to-alpha-only-000000";

    /** Limits it never reaches: every request is checked and counted in Redis. */
    static final String METERED_KEY = "sk-sb-metered-never-reaches-limits";

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final StubControlPlane CONTROL_PLANE = startControlPlane();

    static final SimulatorServer UPSTREAM = SimulatorServer.start(
            EndpointSpec.builder("alpha", "up-alpha").ttft(Duration.ofMillis(20))
                    .timePerOutputToken(Duration.ofMillis(10)).outputTokens(12, 20).build(),
            EndpointSpec.builder("slow", "up-slow").ttft(Duration.ofSeconds(4)).build(),
            EndpointSpec.builder("paced", "up-paced").ttft(Duration.ofMillis(20))
                    .timePerOutputToken(Duration.ofMillis(50)).outputTokens(10, 10).build(),
            EndpointSpec.builder("cutter", "up-cutter").outputTokens(20, 30)
                    .faults(FaultSpec.none().withStreamCutAfterChunks(4)).build(),
            EndpointSpec.builder("limited", "up-limited")
                    .faults(FaultSpec.none().withRateLimit(1.0, Duration.ofSeconds(1))).build());

    static final HttpServer OVERLOADED = overloadedUpstream();

    static final java.util.concurrent.atomic.AtomicInteger FLAKY_CALLS = new java.util.concurrent.atomic.AtomicInteger();

    static final HttpServer FLAKY = flakyUpstream();

    static final Map<String, String> LEGACY_SEEN = new ConcurrentHashMap<>();

    static final HttpServer LEGACY = legacyUpstream();

    static final Map<String, String> ANTHROPIC_SEEN = new ConcurrentHashMap<>();

    static final HttpServer ANTHROPIC = anthropicUpstream();

    /** The keys a hosted OpenAI-style upstream accepts; tests rotate them. */
    static final java.util.Set<String> HOSTED_KEYS = ConcurrentHashMap.newKeySet();

    static {
        HOSTED_KEYS.add("sk-upstream-first");
    }

    static final Map<String, String> HOSTED_SEEN = new ConcurrentHashMap<>();

    static final HttpServer HOSTED = hostedUpstream();

    static final Map<String, UsageRecorded> USAGE = UsageEvents.all();

    /** The stub's list price as routing prices it for a tenant with a 12.5 % discount. */
    static final io.signalbox.contracts.catalog.PriceSnapshot NEGOTIATED_PRICE = StubControlPlane.PRICE.adjusted(
            new BigDecimal("-12.5"), "rule-negotiated");

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CONTROL_PLANE.wire(registry);
        registry.add("signalbox.gateway.max-request-size", () -> "64KB");
        // the limit tests test limiting, not the fail-open path: a busy CI machine must not time Redis out
        registry.add("signalbox.gateway.limits-timeout", () -> "5s");
        registry.add("signalbox.gateway.upstream.first-byte-timeout", () -> "1500ms");
        registry.add("signalbox.gateway.resilience.attempts-per-target", () -> "2");
        registry.add("signalbox.gateway.resilience.max-targets", () -> "3");
        registry.add("signalbox.gateway.resilience.initial-backoff", () -> "20ms");
        registry.add("signalbox.gateway.resilience.providers.provider-doomed.minimum-calls", () -> "2");
        registry.add("signalbox.gateway.resilience.providers.provider-doomed.sliding-window-size", () -> "2");
        registry.add("signalbox.gateway.resilience.providers.provider-doomed.open-for", () -> "10m");
    }

    static StubControlPlane startControlPlane() {
        try {
            StubControlPlane plane = new StubControlPlane();
            plane.key(KEY, StubControlPlane.identity("key-1", "team-blue"));
            plane.key(LIMITED_KEY, new io.signalbox.contracts.identity.KeyIdentity("key-limited", "sk-sb-lim",
                    "tenant-1", "team-green", Map.of(), "active", null, null,
                    new io.signalbox.contracts.identity.RateLimits(2, null), null));
            plane.key(SCOPED_KEY, new io.signalbox.contracts.identity.KeyIdentity("key-scoped", "sk-sb-sco",
                    "tenant-1", "team-blue", Map.of(), "active", null, java.util.Set.of("alpha"), null, null));
            plane.key(METERED_KEY, new io.signalbox.contracts.identity.KeyIdentity("key-metered", "sk-sb-met",
                    "tenant-1", "team-blue", Map.of(), "active", null, null,
                    new io.signalbox.contracts.identity.RateLimits(1_000, 1_000_000), null));
            return plane;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static {
        String alpha = UPSTREAM.endpoint("alpha").baseUrl();
        CONTROL_PLANE.route("alpha", List.of(StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("after-dead-endpoint", List.of(
                StubControlPlane.target("dead", "up-dead", "ep-dead", "http://127.0.0.1:" + Ports.free() + "/v1"),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("after-503", List.of(
                StubControlPlane.target("busy", "up-busy", "ep-busy",
                        "http://127.0.0.1:" + OVERLOADED.getAddress().getPort() + "/v1"),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("only-503", List.of(StubControlPlane.target("busy", "up-busy", "ep-busy",
                "http://127.0.0.1:" + OVERLOADED.getAddress().getPort() + "/v1")));
        String slow = UPSTREAM.endpoint("slow").baseUrl();
        CONTROL_PLANE.route("slow-then-alpha", List.of(StubControlPlane.target("slow", "up-slow", "ep-slow", slow),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("flaky", List.of(StubControlPlane.target("flaky", "up-flaky", "ep-flaky",
                "http://127.0.0.1:" + FLAKY.getAddress().getPort() + "/v1")));
        CONTROL_PLANE.route("doomed-then-alpha", List.of(
                StubControlPlane.target("doomed", "up-doomed", "ep-doomed", "http://127.0.0.1:" + Ports.free() + "/v1",
                        "provider-doomed"),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("paced", List.of(StubControlPlane.target("paced", "up-paced", "ep-paced",
                UPSTREAM.endpoint("paced").baseUrl())));
        CONTROL_PLANE.route("cutter", List.of(StubControlPlane.target("cutter", "up-cutter", "ep-cutter",
                UPSTREAM.endpoint("cutter").baseUrl())));
        CONTROL_PLANE.route("limited-then-alpha", List.of(
                StubControlPlane.target("limited", "up-limited", "ep-limited", UPSTREAM.endpoint("limited").baseUrl()),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        String legacy = "http://127.0.0.1:" + LEGACY.getAddress().getPort() + "/v1";
        CONTROL_PLANE.route("text-model", List.of(StubControlPlane.target("text", "up-text", "ep-text", legacy)));
        CONTROL_PLANE.route("embedder", List.of(StubControlPlane.target("embedder", "up-embed", "ep-embed", legacy)));
        String anthropic = "http://127.0.0.1:" + ANTHROPIC.getAddress().getPort() + "/v1";
        CONTROL_PLANE.route("claude", List.of(StubControlPlane.anthropicTarget("claude", "claude-sonnet-4-5", "ep-claude",
                anthropic)));
        CONTROL_PLANE.route("meta/llama-x", List.of(StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("alpha-negotiated", List.of(StubControlPlane.withPrice(
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha), NEGOTIATED_PRICE)));
        String hosted = "http://127.0.0.1:" + HOSTED.getAddress().getPort() + "/v1";
        CONTROL_PLANE.credentials("provider-hosted", "openai", Map.of("apiKey", "sk-upstream-first",
                "organization", "org-7"));
        CONTROL_PLANE.credentials("provider-anthropic", "anthropic", Map.of("apiKey", "sk-ant-for-tests"));
        CONTROL_PLANE.route("hosted", List.of(StubControlPlane.hostedTarget("hosted", hosted, "provider-hosted")));
        HOSTED_KEYS.add("sk-upstream-backup");
        CONTROL_PLANE.credentials("provider-backup", "openai", Map.of("apiKey", "sk-upstream-backup"));
        CONTROL_PLANE.route("hosted-backup", List.of(StubControlPlane.hostedTarget("backup", hosted, "provider-backup")));
        CONTROL_PLANE.credentialsFailing("provider-locked");
        CONTROL_PLANE.route("locked-then-alpha", List.of(
                StubControlPlane.hostedTarget("locked", hosted, "provider-locked"),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.credentials("provider-stale", "openai", Map.of("apiKey", "sk-upstream-revoked"));
        CONTROL_PLANE.route("stale-key-then-alpha", List.of(
                StubControlPlane.hostedTarget("stale", hosted, "provider-stale"),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("stale-key", List.of(StubControlPlane.hostedTarget("stale", hosted, "provider-stale")));
        CONTROL_PLANE.route("slow-patient", List.of(StubControlPlane.withResilience(
                StubControlPlane.target("slow", "up-slow", "ep-slow", slow),
                new TargetResilience(null, 10_000, null, null, null, null))));
        CONTROL_PLANE.route("paced-total", List.of(StubControlPlane.withResilience(
                StubControlPlane.target("paced", "up-paced", "ep-paced-total", UPSTREAM.endpoint("paced").baseUrl()),
                new TargetResilience(null, null, null, 250, null, null))));
        CONTROL_PLANE.route("flaky-no-retry", List.of(StubControlPlane.withResilience(
                StubControlPlane.target("flaky", "up-flaky", "ep-flaky-once",
                        "http://127.0.0.1:" + FLAKY.getAddress().getPort() + "/v1"),
                new TargetResilience(null, null, null, null, 1, null))));
        CONTROL_PLANE.route("fragile-then-alpha", List.of(
                StubControlPlane.withResilience(StubControlPlane.target("fragile", "up-fragile", "ep-fragile",
                        "http://127.0.0.1:" + Ports.free() + "/v1"), new TargetResilience(null, null, null, null, 1,
                                new BreakerSettings(50, 2, 2, 600_000, 1))),
                StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.route("mirrored", List.of(StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha)));
        CONTROL_PLANE.mirror("mirrored", StubControlPlane.target("paced", "up-paced", "ep-paced-shadow",
                UPSTREAM.endpoint("paced").baseUrl()));
        CONTROL_PLANE.route("mirrored-to-dead", List.of(StubControlPlane.target("alpha", "up-alpha", "ep-alpha",
                alpha)));
        CONTROL_PLANE.mirror("mirrored-to-dead", StubControlPlane.target("dead", "up-dead", "ep-dead-shadow",
                "http://127.0.0.1:" + Ports.free() + "/v1"));
        List<DecisionTarget> manyDead = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            manyDead.add(StubControlPlane.target("dead" + i, "up-dead", "ep-dead-" + i,
                    "http://127.0.0.1:" + Ports.free() + "/v1"));
        }
        manyDead.add(StubControlPlane.target("alpha", "up-alpha", "ep-alpha", alpha));
        CONTROL_PLANE.route("six-dead-then-alpha", manyDead);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.close();
        OVERLOADED.stop(0);
        FLAKY.stop(0);
        LEGACY.stop(0);
        ANTHROPIC.stop(0);
        HOSTED.stop(0);
        CONTROL_PLANE.close();
    }

    @Test
    void proxiesANonStreamingCompletionAndLabelsIt() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"alpha","messages":[{"role":"user","content":"Hello there"}],"max_tokens":16}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-signalbox-model")).hasValue("alpha");
        assertThat(response.headers().firstValue("x-signalbox-endpoint")).hasValue("ep-alpha");
        assertThat(response.headers().firstValue("x-signalbox-decision-id")).isPresent();
        assertThat(response.headers().firstValue("x-signalbox-attempts")).hasValue("1");
        assertThat(new BigDecimal(response.headers().firstValue("x-signalbox-overhead-ms").orElseThrow()))
                .as("the gateway's own time, without the upstream's").isNotNegative().isLessThan(new BigDecimal(1000));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("model").asString()).as("upstream model id was sent upstream").isEqualTo("up-alpha");
        long prompt = body.path("usage").path("prompt_tokens").asLong();
        long completion = body.path("usage").path("completion_tokens").asLong();
        BigDecimal expected = StubControlPlane.PRICE.costOf(new io.signalbox.contracts.usage.TokenUsage(
                (int) prompt, (int) completion, 0, null, false));
        assertThat(new BigDecimal(response.headers().firstValue("x-signalbox-cost").orElseThrow()))
                .isEqualByComparingTo(expected);

        UsageRecorded event = usageOf(response);
        assertThat(event.usage().promptTokens()).isEqualTo((int) prompt);
        assertThat(event.usage().completionTokens()).isEqualTo((int) completion);
        assertThat(event.usage().estimated()).isFalse();
        assertThat(event.cost()).isEqualByComparingTo(expected);
        assertThat(event.teamId()).isEqualTo("team-blue");
        assertThat(event.tags()).containsEntry("project", "gateway-tests");
        assertThat(event.httpStatus()).isEqualTo(200);
        assertThat(event.succeeded()).isTrue();
        assertThat(event.traceId()).matches("[0-9a-f]{32}");
        assertThat(UPSTREAM.endpoint("alpha").requests())
                .anySatisfy(recorded -> assertThat(recorded.toString()).contains(event.traceId()));
        assertThat(CONTROL_PLANE.decisionTraceparents.get(event.requestId()))
                .as("routing-service's decision belongs to the request's trace, sampled or not")
                .matches("00-" + event.traceId() + "-[0-9a-f]{16}-0[01]");
        assertThat(UsageEvents.traceparentOf(event.requestId()))
                .as("so do the usage record's consumers")
                .matches("00-" + event.traceId() + "-[0-9a-f]{16}-0[01]");
    }

    @Test
    void aNegotiatedDiscountOnTheDecisionsPriceIsWhatTheCostHeaderAndTheUsageEventCharge() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"alpha-negotiated","messages":[{"role":"user","content":"What does this cost me?"}],
                 "max_tokens":16}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body()).path("usage");
        io.signalbox.contracts.usage.TokenUsage tokens = new io.signalbox.contracts.usage.TokenUsage(
                usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt(), 0, null, false);
        BigDecimal negotiated = NEGOTIATED_PRICE.costOf(tokens);
        BigDecimal header = new BigDecimal(response.headers().firstValue("x-signalbox-cost").orElseThrow());
        assertThat(header).isEqualByComparingTo(negotiated)
                .as("12.5 % below the list price").isLessThan(StubControlPlane.PRICE.costOf(tokens));

        UsageRecorded event = usageOf(response);
        assertThat(event.cost()).isEqualByComparingTo(negotiated);
        assertThat(event.price()).isEqualTo(NEGOTIATED_PRICE);
        assertThat(event.price().adjustmentPercent()).isEqualByComparingTo("-12.5");
        assertThat(event.price().adjustmentRuleId()).isEqualTo("rule-negotiated");
        assertThat(event.price().costOf(event.usage())).as("the cost service recomputes the same figure")
                .isEqualByComparingTo(header);
    }

    @Test
    void streamsEventsAsTheyArriveAndRecordsTheUpstreamsUsage() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(post("""
                {"model":"paced","stream":true,"messages":[{"role":"user","content":"Stream please"}]}"""),
                HttpResponse.BodyHandlers.ofLines());
        response.body().filter(line -> !line.isEmpty()).forEach(line -> {
            lines.add(line);
            arrivals.add(System.nanoTime());
        });

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(lines.getLast()).isEqualTo("data: [DONE]");
        assertThat(lines).as("usage chunk hidden: the client did not ask for it")
                .noneMatch(line -> line.contains("\"usage\"") && line.contains("\"choices\":[]"));
        long contentChunks = lines.stream().filter(line -> line.contains("\"content\"")).count();
        assertThat(contentChunks).isGreaterThanOrEqualTo(10);
        // 10 tokens 50 ms apart: a buffering gateway would deliver them in one burst at the end
        assertThat(Duration.ofNanos(arrivals.getLast() - arrivals.getFirst()))
                .as("chunks arrive spread over the generation, not in one burst")
                .isGreaterThanOrEqualTo(Duration.ofMillis(250));

        UsageRecorded event = usageOf(response);
        assertThat(event.stream()).isTrue();
        assertThat(event.interrupted()).isFalse();
        assertThat(event.usage().estimated()).as("taken from the upstream's final usage chunk").isFalse();
        assertThat(event.usage().completionTokens()).isEqualTo(10);
        assertThat(event.ttftMillis()).isNotNull().isPositive();
    }

    @Test
    void streamingClientThatAsksForUsageGetsTheUsageChunk() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"alpha","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Stream with usage"}]}""");

        assertThat(response.body()).contains("\"choices\":[]").contains("\"prompt_tokens\"");
    }

    @Test
    void fallsBackToTheNextTargetWhenTheFirstCannotBeReached() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"after-dead-endpoint","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-signalbox-endpoint")).hasValue("ep-alpha");
        assertThat(response.headers().firstValue("x-signalbox-attempts")).hasValue("3");
        UsageRecorded event = usageOf(response);
        assertThat(event.attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .as("one retry on the same target, then the next target")
                .containsExactly("ep-dead:connect_error", "ep-dead:connect_error", "ep-alpha:success");
    }

    @Test
    void retriesTheSameTargetAfterAFailureItSaysIsWorthRetrying() throws Exception {
        FLAKY_CALLS.set(0);

        HttpResponse<String> response = chat("""
                {"model":"flaky","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-signalbox-attempts")).hasValue("2");
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.httpStatus())
                .containsExactly("ep-flaky:503", "ep-flaky:200");
        assertThat(usageOf(response).usage().completionTokens()).isEqualTo(2);
    }

    @Test
    void aProvidersFirstByteTimeoutFromTheRegistryReplacesTheGatewayDefault() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"slow-patient","messages":[{"role":"user","content":"take your time"}]}""");

        assertThat(response.statusCode()).as("the gateway's own 1.5 s would have cut this 4 s answer off")
                .isEqualTo(200);
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .containsExactly("ep-slow:success");
    }

    @Test
    void operatorsSeeRequestsInFlightRoutingCallsByPathAndNoPerRedisCommandOrInFlightTimerSeries() throws Exception {
        double before = inFlight();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(
                HttpRequest.newBuilder(uri("/v1/chat/completions")).header("Authorization", "Bearer " + METERED_KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"slow-patient\",\"messages\":[{\"role\":\"user\",\"content\":\"wait\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(3)).until(() -> inFlight() >= before + 1);
        HttpResponse<String> answered = slow.get();
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().firstValue("x-ratelimit-remaining-requests")).as("checked in Redis").isPresent();
        await().atMost(Duration.ofSeconds(3)).until(() -> inFlight() == before);

        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(uri("/v1/models"))
                .header("Authorization", "Bearer " + METERED_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);

        String metrics = prometheus();
        assertThat(metrics).as("finished requests are timed").contains("http_server_requests_seconds_count{");
        assertThat(metrics).as("rate-limit checks are not observed one Redis command at a time")
                .doesNotContain("lettuce_");
        assertThat(metrics).as("no long-task timer per request; the in-flight gauge replaces it")
                .doesNotContain("http_server_requests_active_seconds");
        assertThat(metrics.lines().filter(line -> line.startsWith("http_client_requests_seconds_count{")))
                .as("the routing calls are timed under their path, apart from every other client call")
                .anyMatch(line -> line.contains("uri=\"/v1/decisions\"") && line.contains("method=\"POST\""))
                .anyMatch(line -> line.contains("uri=\"/v1/models\"") && line.contains("method=\"GET\""));
    }

    String prometheus() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    double inFlight() throws Exception {
        return prometheus().lines().filter(line -> line.startsWith("signalbox_gateway_requests_in_flight "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow();
    }

    @Test
    void aProvidersTotalTimeoutEndsAStreamThatRunsLongerWithATimeoutEvent() throws Exception {
        List<String> lines = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(post("""
                {"model":"paced-total","stream":true,"messages":[{"role":"user","content":"count slowly"}]}"""),
                HttpResponse.BodyHandlers.ofLines());
        response.body().filter(line -> !line.isEmpty()).forEach(lines::add);

        assertThat(lines).as("some tokens arrived before the limit").anyMatch(line -> line.contains("\"content\""));
        assertThat(lines).doesNotContain("data: [DONE]");
        assertThat(lines.getLast()).contains("\"error\"").contains("upstream_timeout");
        UsageRecorded event = usageOf(response);
        assertThat(event.interrupted()).isTrue();
        assertThat(event.errorClass()).isEqualTo("total_timeout");
        assertThat(event.attempts()).extracting(attempt -> attempt.outcome()).containsExactly("interrupted");
    }

    @Test
    void aProviderThatAllowsOneAttemptPerTargetIsNotRetried() throws Exception {
        FLAKY_CALLS.set(0);

        HttpResponse<String> response = chat("""
                {"model":"flaky-no-retry","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).as("the gateway's default would retry this 503 and succeed").isEqualTo(503);
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.httpStatus())
                .containsExactly("ep-flaky-once:503");
    }

    @Test
    void aProvidersBreakerThresholdsFromTheRegistryOpenItsTargetsCircuit() throws Exception {
        String body = """
                {"model":"fragile-then-alpha","messages":[{"role":"user","content":"hi"}]}""";
        chat(body);
        chat(body);

        HttpResponse<String> response = chat(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .as("two failures open this provider's circuits; the gateway's default needs ten calls")
                .containsExactly("ep-fragile:circuit_open", "ep-alpha:success");
    }

    @Test
    void aMirroredRequestIsAnsweredByThePrimaryAndItsShadowCallIsRecordedApart() throws Exception {
        List<String> lines = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(post("""
                {"model":"mirrored","stream":true,"messages":[{"role":"user","content":"compare us"}]}"""),
                HttpResponse.BodyHandlers.ofLines());
        response.body().filter(line -> !line.isEmpty()).forEach(lines::add);
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();

        assertThat(response.headers().firstValue("x-signalbox-endpoint")).hasValue("ep-alpha");
        assertThat(lines.getLast()).isEqualTo("data: [DONE]");
        assertThat(String.join("\n", lines)).as("nothing of the shadow's answer reaches the client")
                .doesNotContain("up-paced");
        UsageRecorded primary = usageOf(response);
        assertThat(primary.mirrorOf()).isNull();
        assertThat(primary.endpointId()).isEqualTo("ep-alpha");
        await().atMost(Duration.ofSeconds(20)).until(() -> USAGE.values().stream()
                .anyMatch(event -> requestId.equals(event.mirrorOf())));
        UsageRecorded shadow = USAGE.values().stream().filter(event -> requestId.equals(event.mirrorOf()))
                .findFirst().orElseThrow();
        assertThat(shadow.requestId()).isNotEqualTo(requestId);
        assertThat(shadow.endpointId()).isEqualTo("ep-paced-shadow");
        assertThat(shadow.stream()).as("the copy asks for a whole answer").isFalse();
        assertThat(shadow.httpStatus()).isEqualTo(200);
        assertThat(shadow.usage().estimated()).as("the shadow's own usage report").isFalse();
        assertThat(shadow.usage().completionTokens()).isEqualTo(10);
        assertThat(shadow.cost()).as("shadow traffic costs money and is accounted").isPositive();
        assertThat(shadow.decisionId()).isEqualTo(primary.decisionId());
    }

    @Test
    void aFailingShadowNeverDisturbsTheClientAndIsRecordedAsFailed() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"mirrored-to-dead","messages":[{"role":"user","content":"hi"}]}""");
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-signalbox-attempts")).hasValue("1");
        await().atMost(Duration.ofSeconds(20)).until(() -> USAGE.values().stream()
                .anyMatch(event -> requestId.equals(event.mirrorOf())));
        UsageRecorded shadow = USAGE.values().stream().filter(event -> requestId.equals(event.mirrorOf()))
                .findFirst().orElseThrow();
        assertThat(shadow.errorClass()).isEqualTo("connect_error");
        assertThat(shadow.attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .containsExactly("ep-dead-shadow:connect_error");
    }

    @Test
    void skipsATargetWhoseCircuitIsOpenAndShowsItInMetrics() throws Exception {
        String body = """
                {"model":"doomed-then-alpha","messages":[{"role":"user","content":"hi"}]}""";
        chat(body);
        chat(body);

        HttpResponse<String> response = chat(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .as("the failing target is not called while its circuit is open")
                .containsExactly("ep-doomed:circuit_open", "ep-alpha:success");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"ep-doomed\"[^}]*state=\"open\"[^}]*} 1\\.0");
    }

    @Test
    void servesTheLastKnownGoodDecisionWhileRoutingIsDownAndSaysSo() throws Exception {
        assertThat(chat("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(200);
        CONTROL_PLANE.routingDown(true);
        try {
            HttpResponse<String> degraded = chat("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}");

            assertThat(degraded.statusCode()).isEqualTo(200);
            assertThat(degraded.headers().firstValue("x-signalbox-degraded")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("routing-unavailable; decision-age="));
            assertThat(degraded.headers().firstValue("x-signalbox-endpoint")).hasValue("ep-alpha");
        }
        finally {
            CONTROL_PLANE.routingDown(false);
        }
        HttpResponse<String> recovered = chat("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"z\"}]}");
        assertThat(recovered.headers().firstValue("x-signalbox-degraded")).as("fresh decisions again").isEmpty();
    }

    @Test
    void aDecisionThatDoesNotComeWithinTheRoutingTimeoutIsServedFromTheLastKnownGoodOne() throws Exception {
        assertThat(chat("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .statusCode()).isEqualTo(200);
        CONTROL_PLANE.routingSilent(true);
        try {
            long started = System.nanoTime();
            HttpResponse<String> degraded = chat("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"y\"}]}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(degraded.statusCode()).isEqualTo(200);
            assertThat(degraded.headers().firstValue("x-signalbox-degraded")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("routing-unavailable; decision-age="));
            assertThat(took).as("given up after the 2 s routing timeout, not waiting for routing-service")
                    .isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(10));
        }
        finally {
            CONTROL_PLANE.routingSilent(false);
        }
    }

    @Test
    void aModelRoutingNeverDecidedIs503WhileRoutingIsDown() throws Exception {
        CONTROL_PLANE.routingDown(true);
        try {
            assertOpenAiError(chat("{\"model\":\"never-decided-either\",\"messages\":[{\"role\":\"user\",\"content\":\"z\"}]}"),
                    503, "server_error", "routing_unavailable");
        }
        finally {
            CONTROL_PLANE.routingDown(false);
        }
    }

    @Test
    void aStreamCutByTheUpstreamEndsWithAnErrorEventAndIsRecordedAsInterrupted() throws Exception {
        List<String> lines = new ArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(post("""
                {"model":"cutter","stream":true,"messages":[{"role":"user","content":"long answer please"}]}"""),
                HttpResponse.BodyHandlers.ofLines());
        response.body().filter(line -> !line.isEmpty()).forEach(lines::add);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).as("never a silent truncation that looks like success").doesNotContain("data: [DONE]");
        assertThat(lines.getLast()).contains("\"error\"").contains("stream_interrupted");
        UsageRecorded event = usageOf(response);
        assertThat(event.interrupted()).isTrue();
        assertThat(event.errorClass()).isEqualTo("stream_interrupted");
        assertThat(event.usage().estimated()).as("the upstream never sent its usage chunk").isTrue();
        assertThat(event.usage().completionTokens()).as("counted from the content chunks that did arrive")
                .isBetween(1, 4);
        assertThat(event.attempts()).extracting(attempt -> attempt.outcome()).containsExactly("interrupted");
    }

    @Test
    void honoursRetryAfterOnA429ThenMovesOn() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = chat("""
                {"model":"limited-then-alpha","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.httpStatus())
                .containsExactly("ep-limited:429", "ep-limited:429", "ep-alpha:200");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited the upstream's Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void proxiesLegacyCompletionsToTheUpstreamsCompletionsPath() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"text-model\",\"prompt\":\"Once upon\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(LEGACY_SEEN.get("/v1/completions")).path("model").asString()).isEqualTo("up-text");
        UsageRecorded event = usageOf(response);
        assertThat(event.operation()).isEqualTo("completions");
        assertThat(event.usage().completionTokens()).isEqualTo(3);
    }

    @Test
    void proxiesEmbeddingsAndPricesTheirInputTokens() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/embeddings"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"embedder\",\"input\":[\"a\",\"b\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("data").get(0).path("embedding").size()).isEqualTo(3);
        assertThat(JSON.readTree(LEGACY_SEEN.get("/v1/embeddings")).path("model").asString()).isEqualTo("up-embed");
        UsageRecorded event = usageOf(response);
        assertThat(event.operation()).isEqualTo("embeddings");
        assertThat(event.usage().promptTokens()).isEqualTo(4);
        assertThat(event.usage().completionTokens()).as("embeddings produce no completion tokens").isNull();
        assertThat(event.cost()).as("4 input tokens at $2.50 per million").isEqualByComparingTo("0.000010");
    }

    @Test
    void aKeyOverItsRequestLimitGets429WithRetryAfterAndTheLimitHeaders() throws Exception {
        String body = "{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> first = send(LIMITED_KEY, body);
        send(LIMITED_KEY, body);
        HttpResponse<String> third = send(LIMITED_KEY, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
        assertOpenAiError(third, 429, "requests", "rate_limit_exceeded");
        assertThat(third.headers().firstValue("retry-after")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(third.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(usageOf(third).errorClass()).as("rejected requests are recorded too").isEqualTo("rate_limit_exceeded");
        assertThat(usageOf(third).attempts()).as("no upstream was called").isEmpty();
    }

    @Test
    void aKeyScopedToSomeModelsCannotUseOthersNorSeeThem() throws Exception {
        HttpResponse<String> refused = send(SCOPED_KEY,
                "{\"model\":\"after-503\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HttpResponse<String> allowed = send(SCOPED_KEY,
                "{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(uri("/v1/models"))
                .header("Authorization", "Bearer " + SCOPED_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertOpenAiError(refused, 403, "invalid_request_error", "model_not_allowed");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()).path("data").findValuesAsString("id")).containsExactly("alpha");
    }

    @Test
    void aRevokedKeyStopsWorkingAsSoonAsTheRegistryAnnouncesIt() throws Exception {
        String key = "sk-sb-soon-to-be-revoked-00000000";
        CONTROL_PLANE.key(key, StubControlPlane.identity("key-revoked", "team-blue"));
        String body = "{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(send(key, body).statusCode()).isEqualTo(200);

        CONTROL_PLANE.key(key, new io.signalbox.contracts.identity.KeyIdentity("key-revoked", "sk-sb-soo", "tenant-1",
                "team-blue", Map.of(), "revoked", null));
        assertThat(send(key, body).statusCode()).as("still cached: the change is not announced yet").isEqualTo(200);
        untilAnnounced("key", "key-revoked",
                () -> assertOpenAiError(send(key, body), 401, "invalid_request_error", "invalid_api_key"));
    }

    /**
     * Publishes a registry change of the entity, as the registry's outbox would, until the check passes (the
     * gateway's consumer may join the topic after the first record).
     */
    static void untilAnnounced(String entity, String entityId, org.awaitility.core.ThrowingRunnable check) {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", SharedInfra.kafka().bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.REGISTRY, entityId,
                        ContractJson.toJson(new io.signalbox.contracts.registry.RegistryChanged(java.util.UUID.randomUUID(),
                                entity, entityId, io.signalbox.contracts.registry.RegistryChanged.Operation.UPDATED, 99,
                                Instant.now())))).get();
                check.run();
            });
        }
    }

    HttpResponse<String> send(String key, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void authenticatesToAHostedProviderWithItsOwnKeyAndNeverForwardsTheClientsKey() throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"hosted\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HOSTED_SEEN.get("authorization")).isEqualTo("Bearer sk-upstream-first").doesNotContain(KEY);
        assertThat(HOSTED_SEEN.get("openai-organization")).isEqualTo("org-7");
    }

    @Test
    void aRotatedProviderKeyIsUsedAsSoonAsTheRegistryAnnouncesTheChange() throws Exception {
        String body = "{\"model\":\"hosted\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(chat(body).statusCode()).isEqualTo(200);

        HOSTED_KEYS.add("sk-upstream-second");
        CONTROL_PLANE.credentials("provider-hosted", "openai", Map.of("apiKey", "sk-upstream-second"));
        assertThat(chat(body).statusCode()).isEqualTo(200);
        assertThat(HOSTED_SEEN.get("authorization")).as("the old key is cached until the change is announced")
                .isEqualTo("Bearer sk-upstream-first");
        untilAnnounced("provider", "provider-hosted", () -> {
            assertThat(chat(body).statusCode()).isEqualTo(200);
            assertThat(HOSTED_SEEN.get("authorization")).isEqualTo("Bearer sk-upstream-second");
        });
        HOSTED_KEYS.remove("sk-upstream-first");
    }

    @Test
    void aKeyTheProviderRefusesIsFetchedAgainAtOnceWithoutWaitingForAnAnnouncement() throws Exception {
        String body = "{\"model\":\"hosted-backup\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(chat(body).statusCode()).isEqualTo(200);

        HOSTED_KEYS.add("sk-upstream-emergency");
        CONTROL_PLANE.credentials("provider-backup", "openai", Map.of("apiKey", "sk-upstream-emergency"));
        HOSTED_KEYS.remove("sk-upstream-backup");

        assertOpenAiError(chat(body), 502, "server_error", "upstream_auth_failed");
        assertThat(chat(body).statusCode()).as("the refusal dropped the cached key").isEqualTo(200);
        assertThat(HOSTED_SEEN.get("authorization")).isEqualTo("Bearer sk-upstream-emergency");
    }

    @Test
    void aTargetWhoseCredentialsCannotBeFetchedIsSkippedForTheNext() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"locked-then-alpha","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-signalbox-model")).hasValue("alpha");
        UsageRecorded event = usageOf(response);
        assertThat(event.attempts()).extracting(a -> a.outcome()).first().isEqualTo("credentials_unavailable");
    }

    @Test
    void servesAnOpenAiClientFromAnAnthropicBackend() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"claude","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Hello"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hi there!");
        JsonNode sent = JSON.readTree(ANTHROPIC_SEEN.get("body"));
        assertThat(sent.path("system").asString()).isEqualTo("Be brief.");
        assertThat(sent.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(ANTHROPIC_SEEN.get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(ANTHROPIC_SEEN.get("x-api-key")).as("the provider's key from the registry")
                .isEqualTo("sk-ant-for-tests");
        UsageRecorded event = usageOf(response);
        assertThat(event.usage().promptTokens()).isEqualTo(11);
        assertThat(event.usage().completionTokens()).isEqualTo(4);
    }

    @Test
    void streamsFromAnAnthropicBackendAsOpenAiChunksAndRecordsItsUsage() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"claude","stream":true,"messages":[{"role":"user","content":"Hello"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        assertThat(events).filteredOn(line -> line.contains("chat.completion.chunk")).isNotEmpty()
                .noneMatch(line -> line.contains("message_start"));
        assertThat(String.join("", events.stream().filter(line -> line.contains("\"content\":\"Hi"))
                .toList())).isNotEmpty();
        UsageRecorded event = usageOf(response);
        assertThat(event.interrupted()).isFalse();
        assertThat(event.usage().estimated()).isFalse();
        assertThat(event.usage().completionTokens()).as("from message_delta").isEqualTo(4);
    }

    @Test
    void fallsBackWhenPrimaryReturns503() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"after-503","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(usageOf(response).attempts()).extracting(attempt -> attempt.httpStatus())
                .containsExactly(503, 200);
    }

    @Test
    void anUpstreamThatRefusesTheGatewaysCredentialsIsSkippedNotBlamedOnTheClient() throws Exception {
        HttpResponse<String> fellBack = chat("""
                {"model":"stale-key-then-alpha","messages":[{"role":"user","content":"hi"}]}""");
        HttpResponse<String> nothingLeft = chat("""
                {"model":"stale-key","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(fellBack.statusCode()).isEqualTo(200);
        assertThat(usageOf(fellBack).attempts()).extracting(a -> a.outcome() + ":" + a.httpStatus())
                .as("no retry with credentials that were just refused").containsExactly("upstream_auth:401", "success:200");
        assertOpenAiError(nothingLeft, 502, "server_error", "upstream_auth_failed");
        assertThat(JSON.readTree(nothingLeft.body()).path("error").path("message").asString())
                .contains("Your key is fine");
        assertThat(nothingLeft.headers().firstValue("x-should-retry")).hasValue("false");
    }

    @Test
    void triesNoMoreTargetsThanConfiguredHoweverManyTheDecisionLists() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"six-dead-then-alpha","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(usageOf(response).attempts()).extracting(a -> a.endpointId()).as("max-targets 3, two calls each")
                .containsExactly("ep-dead-0", "ep-dead-0", "ep-dead-1", "ep-dead-1", "ep-dead-2", "ep-dead-2");
    }

    @Test
    void passesTheLastTargetsErrorThroughWhenNoTargetIsLeft() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"only-503","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
        assertThat(usageOf(response).errorClass()).isEqualTo("upstream_503");
    }

    @Test
    void rejectsAMissingOrUnknownKeyWith401() throws Exception {
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Authorization", "Bearer sk-sb-not-a-real-key-000000000")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertOpenAiError(missing, 401, "invalid_request_error", "invalid_api_key");
        assertOpenAiError(unknown, 401, "invalid_request_error", "invalid_api_key");
        assertThat(JSON.readTree(unknown.body()).path("error").path("message").asString())
                .as("the key is never echoed in full").doesNotContain("not-a-real-key-000000000");
    }

    @Test
    void malformedJsonIs400InOpenAisShape() throws Exception {
        assertOpenAiError(chat("{\"model\": \"alpha\", \"messages\": [}"), 400, "invalid_request_error", null);
    }

    @Test
    void unknownModelIs404ModelNotFound() throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertOpenAiError(response, 404, "invalid_request_error", "model_not_found");
        assertThat(JSON.readTree(response.body()).path("error").path("param").asString()).isEqualTo("model");
    }

    @Test
    void anExhaustedBudgetIs429InsufficientQuotaThatSdksAreToldNotToRetry() throws Exception {
        CONTROL_PLANE.refuse("capped", 429, """
                {"type":"https://signalbox.io/problems/budget-exceeded","status":429,"title":"Budget exhausted",
                 "detail":"The team budget for 2026-11 is exhausted: 101 USD spent of a hard limit of 100 USD."}""");

        HttpResponse<String> response = chat("{\"model\":\"capped\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertOpenAiError(response, 429, "insufficient_quota", "budget_exceeded");
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(JSON.readTree(response.body()).path("error").path("message").asString())
                .contains("101 USD spent of a hard limit of 100 USD");
    }

    @Test
    void aModelOutsideTheTenantsAllowListIs403() throws Exception {
        CONTROL_PLANE.refuse("forbidden", 403, """
                {"type":"https://signalbox.io/problems/model-not-allowed","status":403,
                 "detail":"Nothing behind 'forbidden' can serve this request: big (allow-list: not in the tenant's allowed models)."}""");

        HttpResponse<String> response = chat("{\"model\":\"forbidden\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertOpenAiError(response, 403, "invalid_request_error", "model_not_allowed");
        assertThat(response.headers().firstValue("x-should-retry")).isEmpty();
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "x".repeat(70 * 1024);
        HttpResponse<String> response = chat("{\"model\":\"alpha\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");

        assertOpenAiError(response, 413, "invalid_request_error", "request_too_large");
    }

    @Test
    void unknownV1PathIs404InOpenAisShape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/fine_tuning/jobs"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertOpenAiError(response, 404, "invalid_request_error", "unknown_url");
    }

    @Test
    void listsModelsInOpenAisShape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/v1/models"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsString("id")).contains("alpha", "after-503");
        assertThat(body.path("data").get(0).path("object").asString()).isEqualTo("model");
        assertThat(CONTROL_PLANE.lastModelsQuery).as("routing filters by the key's tenant's and team's allow-lists")
                .isEqualTo("tenantId=tenant-1&teamId=team-blue");
    }

    @Test
    void aTimedOutUpstreamIsAnsweredWith504AndNotRunAgainElsewhere() throws Exception {
        HttpResponse<String> response = chat("""
                {"model":"slow-then-alpha","messages":[{"role":"user","content":"take your time"}]}""");

        assertOpenAiError(response, 504, "server_error", "upstream_timeout");
        UsageRecorded event = usageOf(response);
        assertThat(event.attempts()).extracting(attempt -> attempt.endpointId() + ":" + attempt.outcome())
                .as("a request that may still be running is never sent to a second target")
                .containsExactly("ep-slow:timeout");
        assertThat(event.usage().estimated()).isTrue();
        assertThat(event.usage().promptTokens()).as("the estimated prompt is charged to the endpoint it reached")
                .isPositive();
    }

    @Test
    void aClientThatHangsUpIsStillRecordedAsInterrupted() throws Exception {
        String marker = "hang-up-" + Instant.now().toEpochMilli();
        String body = "{\"model\":\"slow-then-alpha\",\"user\":\"" + marker + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> UPSTREAM.endpoint("slow").requests().stream()
                    .anyMatch(recorded -> recorded.toString().contains("up-slow")));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> USAGE.values().stream()
                .anyMatch(event -> "client_cancelled".equals(event.errorClass()) && event.interrupted()));
    }

    @Test
    void retrievesOneModelByIdEvenWhenTheIdContainsASlash() throws Exception {
        HttpResponse<String> alpha = HTTP.send(HttpRequest.newBuilder(uri("/v1/models/alpha"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> slashed = HTTP.send(HttpRequest.newBuilder(uri("/v1/models/meta/llama-x"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(uri("/v1/models/nope"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(alpha.body()).path("id").asString()).isEqualTo("alpha");
        assertThat(JSON.readTree(slashed.body()).path("id").asString()).isEqualTo("meta/llama-x");
        assertOpenAiError(missing, 404, "invalid_request_error", "model_not_found");
    }

    static void assertOpenAiError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("type").asString()).isEqualTo(type);
        if (code != null) {
            assertThat(error.path("code").asString()).isEqualTo(code);
        }
    }

    HttpResponse<String> chat(String json) throws Exception {
        return HTTP.send(post(json), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest post(String json) {
        return HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static UsageRecorded usageOf(HttpResponse<?> response) {
        return UsageEvents.of(response);
    }

    /** An upstream's answer: status, content type, extra headers, body. */
    record Canned(int status, String contentType, Map<String, String> headers, String body) {

        static Canned json(int status, String body) {
            return new Canned(status, "application/json", Map.of(), body);
        }
    }

    /** Decides a stub upstream's answer from the request's path, headers and body. */
    interface Answerer {

        Canned answer(String path, com.sun.net.httpserver.Headers headers, String body);
    }

    /** A real HTTP server on the loopback interface that answers every request below {@code path} as told. */
    static HttpServer cannedUpstream(String path, Answerer answerer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(path, exchange -> {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Canned canned = answerer.answer(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), request);
                byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", canned.contentType());
                canned.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(canned.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Always 503 with {@code Retry-After: 7}, longer than the gateway's cap. */
    static HttpServer overloadedUpstream() {
        return cannedUpstream("/", (path, headers, body) -> new Canned(503, "application/json",
                Map.of("Retry-After", "7"),
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}"));
    }

    /** Fails every other call with 503 and {@code Retry-After: 0}, answers the others with a small completion. */
    static HttpServer flakyUpstream() {
        return cannedUpstream("/", (path, headers, body) -> FLAKY_CALLS.getAndIncrement() % 2 == 0
                ? new Canned(503, "application/json", Map.of("Retry-After", "0"),
                        "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\",\"code\":null}}")
                : Canned.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up-flaky\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok now\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":2,"
                        + "\"total_tokens\":10}}"));
    }

    /** Answers /v1/completions and /v1/embeddings with small canned bodies and remembers what it was sent. */
    static HttpServer legacyUpstream() {
        return cannedUpstream("/", (path, headers, body) -> {
            LEGACY_SEEN.put(path, body);
            return Canned.json(200, path.endsWith("/embeddings")
                    ? "{\"object\":\"list\",\"model\":\"up-embed\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                            + "\"embedding\":[0.1,0.2,0.3]}],\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}"
                    : "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"up-text\","
                            + "\"choices\":[{\"index\":0,\"text\":\" a time\",\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"total_tokens\":5}}");
        });
    }

    /** A tiny Anthropic Messages API: one canned answer, as JSON or as Anthropic's event stream. */
    static HttpServer anthropicUpstream() {
        return cannedUpstream("/v1/messages", (path, headers, body) -> {
            ANTHROPIC_SEEN.put("body", body);
            ANTHROPIC_SEEN.put("anthropic-version", String.valueOf(headers.getFirst("anthropic-version")));
            ANTHROPIC_SEEN.put("x-api-key", String.valueOf(headers.getFirst("x-api-key")));
            if (!body.contains("\"stream\":true")) {
                return Canned.json(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Hi there!\"}],"
                        + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":11,\"output_tokens\":4}}");
            }
            return new Canned(200, "text/event-stream", Map.of(), String.join("", List.of(
                    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\","
                            + "\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n",
                    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi there!\"}}\n\n",
                    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                            + "\"usage\":{\"output_tokens\":4}}\n\n",
                    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")));
        });
    }

    /** An OpenAI-style hosted API that answers only requests carrying its current key. */
    static HttpServer hostedUpstream() {
        return cannedUpstream("/", (path, headers, body) -> {
            HOSTED_SEEN.put("authorization", String.valueOf(headers.getFirst("Authorization")));
            HOSTED_SEEN.put("openai-organization", String.valueOf(headers.getFirst("OpenAI-Organization")));
            String authorization = String.valueOf(headers.getFirst("Authorization"));
            if (!authorization.startsWith("Bearer ") || !HOSTED_KEYS.contains(authorization.substring(7))) {
                return Canned.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            }
            return Canned.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"up-hosted\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"hosted\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
                    + "\"completion_tokens\":1,\"total_tokens\":4}}");
        });
    }
}
