package io.signalbox.routing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.infra.SharedInfra;
import io.signalbox.routing.health.EndpointHealthStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static io.signalbox.routing.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service over real HTTP, with a real Kafka broker and the registry played by a real HTTP
 * server. Periodic re-sync is off (1h), so a catalog change can only arrive through Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "signalbox.security.admin-token=" + ServiceClient.ADMIN_TOKEN,
        "signalbox.security.internal-token=" + ServiceClient.INTERNAL_TOKEN,
        "signalbox.routing.catalog.resync-interval=1h",
        "logging.level.io.signalbox.routing.decisions=INFO"})
@ExtendWith(OutputCaptureExtension.class)
class RoutingServiceIntegrationTests {

    private static final FakeRegistry REGISTRY = FakeRegistry.start(ServiceClient.INTERNAL_TOKEN);

    static {
        REGISTRY.serve(SampleCatalog.snapshot(1));
    }

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private EndpointHealthStore health;

    private ServiceClient client;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfra.registerKafka(registry);
        registry.add("signalbox.registry.url", REGISTRY::url);
    }

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @BeforeEach
    void waitForTheCatalog(@LocalServerPort int port) {
        client = new ServiceClient(port);
        await().until(() -> client.get("/actuator/health/readiness", null).statusCode() == 200);
    }

    @Test
    void answersADecisionForARouteAliasOverHttp() {
        HttpResponse<String> response = client.postDecision(SampleCatalog.request("auto", "user-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        DecisionResponse decision = ContractJson.fromJson(response.body(), DecisionResponse.class);
        assertThat(decision.routeAlias()).isEqualTo("auto");
        assertThat(decision.policy()).isEqualTo("weighted");
        assertThat(UUID.fromString(decision.decisionId())).isNotNull();
        assertThat(decision.targets()).extracting(DecisionTarget::modelName)
                .containsOnly("llama-3.1-8b", "gpt-4o-mini").hasSize(3);
        assertThat(decision.explanation()).startsWith("route 'auto' (weighted 80/20, sticky) picked ");
        DecisionTarget gpt = decision.targets().stream()
                .filter(target -> target.modelName().equals("gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(gpt.price()).isEqualTo(SampleCatalog.GPT_PRICE);
        assertThat(gpt.price().outputPerMillion()).isEqualByComparingTo(new BigDecimal("0.60"));
    }

    /**
     * The gateway asks for a decision on every request over pooled keep-alive connections. Tomcat's default closes
     * a connection after 100 requests, which at 1,000 requests/s made the gateway open ten new connections a
     * second (and left hundreds in TIME_WAIT); the service keeps one for 10,000.
     */
    @Test
    void keepsAGatewaysConnectionOpenForHundredsOfDecisions(@LocalServerPort int port) throws Exception {
        byte[] body = ContractJson.toJson(SampleCatalog.request("auto", "user-keepalive")).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + ServiceClient.INTERNAL_TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 1; i <= 250; i++) {
                socket.getOutputStream().write(head);
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                assertThat(in.readLine()).as("decision %d on the same connection", i).isEqualTo("HTTP/1.1 200 ");
                int length = -1;
                for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                    String lower = header.toLowerCase(java.util.Locale.ROOT);
                    assertThat(lower).as("decision %d", i).isNotEqualTo("connection: close");
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(lower.substring("content-length:".length()).strip());
                    }
                }
                assertThat(length).as("a sized answer, so the connection can carry the next").isPositive();
                char[] answer = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(answer, read, length - read);
                }
            }
        }
    }

    @Test
    void sendsAStickyCallerToTheSameModelOnEveryRequest() {
        List<String> picks = IntStream.range(0, 10)
                .mapToObj(i -> ContractJson.fromJson(client.postDecision(SampleCatalog.request("auto", "user-77")).body(),
                        DecisionResponse.class).targets().getFirst().modelId())
                .distinct()
                .toList();

        assertThat(picks).hasSize(1);
    }

    @Test
    void refusesDecisionsWithoutTheInternalToken() {
        String body = ContractJson.toJson(SampleCatalog.request("auto", null));

        HttpResponse<String> anonymous = client.post("/v1/decisions", body, null, Map.of());
        HttpResponse<String> wrongToken = client.post("/v1/decisions", body, "not-the-internal-token", Map.of());
        HttpResponse<String> models = client.get("/v1/models", null);

        assertThat(List.of(anonymous, wrongToken, models)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("type").asString()).isEqualTo("https://signalbox.io/problems/unauthorized");
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,  /v1/decisions,     405",
            "POST, /v1/no-such-thing, 404",
            "GET,  /v1/no-such-thing, 404"})
    void answersAWrongMethodOrPathWithAProblem(String method, String path, int status) {
        HttpResponse<String> response = method.equals("GET") ? client.get(path, ServiceClient.INTERNAL_TOKEN)
                : client.post(path, "{}", ServiceClient.INTERNAL_TOKEN, Map.of());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
        assertThat(json(response).get("instance").asString()).isEqualTo(path);
    }

    @Test
    void refusesANonCanonicalPathBeforeTheAccessRules() {
        HttpResponse<String> response = client.post("/%761/decisions",
                ContractJson.toJson(SampleCatalog.request("smart", null)), ServiceClient.INTERNAL_TOKEN, Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asString()).isEqualTo("https://signalbox.io/problems/non-canonical-path");
    }

    @Test
    void answersAnUnknownModelWithAProblemNamingIt() {
        HttpResponse<String> response = client.postDecision(SampleCatalog.request("gpt-9", null));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://signalbox.io/problems/unknown-model");
        assertThat(problem.get("title").asString()).isEqualTo("Unknown model");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString())
                .isEqualTo("'gpt-9' is not a route alias or a model known to Signalbox. "
                        + "GET /v1/models lists the names you can use.");
        assertThat(problem.get("model").asString()).isEqualTo("gpt-9");
        assertThat(problem.get("instance").asString()).isEqualTo("/v1/decisions");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "retired,    404, https://signalbox.io/problems/no-available-target, gpt-3.5-turbo (disabled)",
            "qwen-2.5-7b, 404, https://signalbox.io/problems/no-available-target, no pool and no provider URL",
            "mistral-7b, 503, https://signalbox.io/problems/no-active-endpoint,  mistral-7b (no active endpoint)"})
    void explainsWhyNothingCanServeAKnownName(String model, int status, String type, String reason) {
        HttpResponse<String> response = client.postDecision(SampleCatalog.request(model, null));

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("detail").asString()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "blank model    | {\"requestId\":\"r\",\"tenantId\":\"t\",\"keyId\":\"k\",\"model\":\" \",\"operation\":\"chat.completions\",\"stream\":false,\"estimatedPromptTokens\":1} | model must not be blank",
            "wrong type     | {\"requestId\":\"r\",\"tenantId\":\"t\",\"keyId\":\"k\",\"model\":\"auto\",\"operation\":\"chat.completions\",\"stream\":false,\"estimatedPromptTokens\":\"many\"} | field 'estimatedPromptTokens'",
            "not JSON       | model=auto | The request body is not a valid decision request"})
    void rejectsAnInvalidBodyWithTheReason(String name, String body, String reason) {
        HttpResponse<String> response = client.post("/v1/decisions", body, ServiceClient.INTERNAL_TOKEN, Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://signalbox.io/problems/invalid-request");
        assertThat(problem.get("detail").asString()).contains(reason);
    }

    @Test
    void acceptsARequestThatLeavesOutEmptyCollections() {
        String body = "{\"requestId\":\"r\",\"tenantId\":\"t\",\"keyId\":\"k\",\"model\":\"smart\","
                + "\"operation\":\"chat.completions\",\"stream\":true,\"estimatedPromptTokens\":12}";

        HttpResponse<String> response = client.post("/v1/decisions", body, ServiceClient.INTERNAL_TOKEN, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void listsRoutesAndRoutableModelsSortedById() {
        HttpResponse<String> response = client.get("/v1/models", ServiceClient.INTERNAL_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode models = json(response);
        List<String> ids = models.valueStream().map(model -> model.get("id").asString()).toList();
        assertThat(ids).isSorted().contains("auto", "smart", "gpt-4o-mini", "llama-3.1-8b")
                .doesNotContain("gpt-3.5-turbo");
        assertThat(models.valueStream().filter(model -> model.get("id").asString().equals("auto")).findFirst())
                .hasValueSatisfying(auto -> {
                    assertThat(auto.get("kind").asString()).isEqualTo("route");
                    assertThat(auto.get("ownedBy").asString()).isEqualTo("signalbox");
                });
    }

    @Test
    void refusesATenantWhoseBudgetIsExhaustedFromTheBudgetTopicUntilTheBudgetIsRemoved() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        DecisionRequest request = new DecisionRequest("req-budget", tenant, "team-1", "key-1", "smart",
                "chat.completions", false, 42, null, Set.of(), null, Map.of(), null);
        assertThat(client.postDecision(request).statusCode()).isEqualTo(200);
        Instant now = Instant.now();
        BudgetStatus exhausted = new BudgetStatus("budget-1", "tenant", tenant, "this-month",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)), "USD", new BigDecimal("100.000001"), null,
                new BigDecimal("100"), BudgetStatus.HARD, now);

        kafka.send(Topics.BUDGET_STATUS, exhausted.key(), ContractJson.toJson(exhausted)).get();

        await().untilAsserted(() -> {
            HttpResponse<String> refused = client.postDecision(request);
            assertThat(refused.statusCode()).isEqualTo(429);
            JsonNode problem = json(refused);
            assertThat(problem.get("type").asString()).isEqualTo("https://signalbox.io/problems/budget-exceeded");
            assertThat(problem.get("detail").asString()).contains("100.000001 USD spent of a hard limit of 100 USD");
            assertThat(problem.get("scope").asString()).isEqualTo("tenant");
        });

        kafka.send(Topics.BUDGET_STATUS, exhausted.key(), null).get();
        await().untilAsserted(() -> assertThat(client.postDecision(request).statusCode())
                .as("a tombstone removes the budget").isEqualTo(200));
    }

    @Test
    void readsTelemetrysHealthReportsFromTheHealthTopic() throws Exception {
        String model = "mod-" + UUID.randomUUID();
        Instant now = Instant.now();
        EndpointHealth report = new EndpointHealth(model, null, "prov-openai", now.minusSeconds(60), now, 40, 1,
                350.0, 800.0, 1200.0, 2500.0, now);

        kafka.send(Topics.ENDPOINT_HEALTH, report.key(), ContractJson.toJson(report)).get();

        await().untilAsserted(() -> assertThat(EndpointHealthStore.timeToFirstToken(
                health.hostedModel(model, Instant.now()))).hasValue(350.0));
        kafka.send(Topics.ENDPOINT_HEALTH, report.key(), null).get();
        await().untilAsserted(() -> assertThat(health.hostedModel(model, Instant.now())).isNull());
    }

    @Test
    void anEndpointTelemetryPublishesAsUnhealthyIsTriedLastUntilItsReportIsWithdrawn() throws Exception {
        Instant now = Instant.now();
        EndpointHealth unhealthy = new EndpointHealth("mod-llama", "ep-llama-1", "prov-local", now.minusSeconds(60), now,
                40, 30, null, null, 900.0, 1800.0, now, true, "error rate 75% over 40 calls in 1m (limit 50%)", 850.0);

        kafka.send(Topics.ENDPOINT_HEALTH, unhealthy.key(), ContractJson.toJson(unhealthy)).get();
        try {
            await().untilAsserted(() -> assertThat(health.endpoint("ep-llama-1", Instant.now())).isNotNull());
            for (int i = 0; i < 10; i++) {
                DecisionResponse decision = ContractJson.fromJson(
                        client.postDecision(SampleCatalog.request("auto", "user-" + i)).body(), DecisionResponse.class);
                assertThat(decision.targets()).extracting(DecisionTarget::endpointId).last().isEqualTo("ep-llama-1");
                assertThat(decision.targets().getFirst().endpointId()).isNotEqualTo("ep-llama-1");
            }
        }
        finally {
            kafka.send(Topics.ENDPOINT_HEALTH, unhealthy.key(), null).get();
        }
        await().untilAsserted(() -> assertThat(health.endpoint("ep-llama-1", Instant.now())).isNull());
    }

    @Test
    void reloadsTheCatalogWhenTheRegistryAnnouncesANewerVersion() {
        assertThat(client.postDecision(SampleCatalog.request("fast", null)).statusCode()).isEqualTo(404);
        MessageListenerContainer container = listeners.getListenerContainer("registry-events");
        await().until(() -> container != null && !container.getAssignedPartitions().isEmpty());

        REGISTRY.serve(SampleCatalog.withFastRoute(2));
        RegistryChanged change = new RegistryChanged(UUID.randomUUID(), "route", "route-fast",
                RegistryChanged.Operation.CREATED, 2, Instant.now());

        // Published until seen: a consumer at "latest" may still be settling its position right
        // after the assignment, and a record sent in that instant would be skipped.
        await().untilAsserted(() -> {
            kafka.send(Topics.REGISTRY, change.entityId(), ContractJson.toJson(change)).get();
            HttpResponse<String> response = client.postDecision(SampleCatalog.request("fast", null));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ContractJson.fromJson(response.body(), DecisionResponse.class).catalogVersion()).isEqualTo(2);
        });
    }

    @Test
    void logsEachDecisionUnderTheCallersTraceWhenItsLoggerIsAtInfo(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";

        HttpResponse<String> response = client.post("/v1/decisions",
                ContractJson.toJson(SampleCatalog.request("smart", null)), ServiceClient.INTERNAL_TOKEN,
                Map.of("traceparent", traceparent));

        String decisionId = ContractJson.fromJson(response.body(), DecisionResponse.class).decisionId();
        await().untilAsserted(() -> assertThat(output.getOut())
                .containsPattern(traceId + "[^\\n]*decision=" + decisionId + " [^\\n]*policy=static picked=gpt-4o-mini"));
    }

    @Test
    void servesReadinessAndPrometheusWithoutAToken() {
        client.postDecision(SampleCatalog.request("smart", null));

        HttpResponse<String> readiness = client.get("/actuator/health/readiness", null);
        HttpResponse<String> prometheus = client.get("/actuator/prometheus", null);

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("status").asString()).isEqualTo("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("http_server_requests_seconds_count").contains("uri=\"/v1/decisions\"");
    }
}
