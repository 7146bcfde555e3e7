package io.signalbox.localstack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Boots the local stack exactly as {@code ./run-local.sh} does (on free ports) and uses it the way an
 * application developer, a finance analyst and an operator would: the official OpenAI Java SDK against
 * the gateway, the cost report through the gateway, the usage topic and the services' logs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Requests sent while Kafka is down. */
    static final int OUTAGE_REQUESTS = 6;

    static LocalStack stack;

    static OpenAIClient searchTeam;

    @BeforeAll
    static void startStack() throws Exception {
        Path work = Path.of("target", "e2e-stack");
        Files.createDirectories(work);
        stack = LocalStack.start(LocalStackConfig.onFreePorts(work.toAbsolutePath()));
        searchTeam = client(stack.catalog().searchKey());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nonStreamingCompletionIsRoutedToTheRoutesModelAndLabelled() {
        HttpResponseFor<ChatCompletion> response = searchTeam.chat().completions().withRawResponse()
                .create(ask("smart", "Explain consistent hashing in two sentences."));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().values("x-signalbox-model")).containsExactly(DemoCatalog.LARGE_MODEL);
        assertThat(response.headers().values("x-signalbox-endpoint")).singleElement().asString().isNotBlank();
        assertThat(response.headers().values("x-signalbox-decision-id")).singleElement().asString().isNotBlank();
        ChatCompletion completion = response.parse();
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content()).hasValueSatisfying(
                text -> assertThat(text).isNotBlank());
        assertThat(completion.usage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isPositive();
            assertThat(usage.completionTokens()).isPositive();
        });
    }

    @Test
    void streamingCompletionArrivesInManyChunksWithTheRoutingHeaders() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = searchTeam.chat().completions()
                .withRawResponse().createStreaming(ask("fast", "Write a haiku about queues."));
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
            stream.stream().forEach(chunks::add);
        }

        assertThat(response.headers().values("x-signalbox-model")).containsExactly(DemoCatalog.SMALL_MODEL);
        assertThat(response.headers().values("x-signalbox-decision-id")).singleElement().asString().isNotBlank();
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(text.toString()).isNotBlank();
        assertThat(chunks).as("the client did not ask for the usage chunk").allSatisfy(
                chunk -> assertThat(chunk.usage()).isEmpty());
    }

    @Test
    void badKeyIsRejectedWith401InOpenAisErrorShape() {
        OpenAIClient stranger = client("sk-sb-this-key-does-not-exist-0000000000000000000");

        assertThatThrownBy(() -> stranger.chat().completions().create(ask("auto", "hello")))
                .isInstanceOfSatisfying(UnauthorizedException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(401);
                    assertThat(error.type()).contains("invalid_request_error");
                    assertThat(error.code()).contains("invalid_api_key");
                });
    }

    @Test
    void unknownModelIs404InOpenAisErrorShape() {
        assertThatThrownBy(() -> searchTeam.chat().completions().create(ask("gpt-17-ultra", "hello")))
                .isInstanceOfSatisfying(NotFoundException.class, error -> {
                    assertThat(error.code()).contains("model_not_found");
                    assertThat(error.getMessage()).contains("gpt-17-ultra");
                });
    }

    @Test
    void theAdaptiveRouteSendsEasyPromptsToTheSmallModelAndDemandingOnesToTheLarge() {
        HttpResponseFor<ChatCompletion> easy = searchTeam.chat().completions().withRawResponse()
                .create(ask(DemoCatalog.ADAPTIVE_ALIAS, "hi there"));
        HttpResponseFor<ChatCompletion> demanding = searchTeam.chat().completions().withRawResponse()
                .create(ask(DemoCatalog.ADAPTIVE_ALIAS, """
                        Prove step by step that the sum of the first n odd numbers is n^2, then write a Python function
                        that checks it for n up to 10^6 and analyse its time complexity. Explain each step and compare
                        two alternative proofs, by induction and by a geometric argument."""));

        assertThat(easy.headers().values("x-signalbox-route")).containsExactly(DemoCatalog.ADAPTIVE_ALIAS);
        assertThat(easy.headers().values("x-signalbox-model")).containsExactly(DemoCatalog.SMALL_MODEL);
        assertThat(demanding.headers().values("x-signalbox-model")).containsExactly(DemoCatalog.LARGE_MODEL);
        assertThat(demanding.parse().choices()).hasSize(1);
    }

    @Test
    void aCostAwareRouteCreatedInTheRegistryIsServedWithoutARestartAndPicksTheCheaperModel() throws Exception {
        postJson(stack.config().registryUrl() + "/api/v1/routes", stack.config().adminToken(), Map.of(
                "alias", "e2e-cheapest", "policy", Map.of("type", "cost-aware", "targets", List.of(
                        Map.of("modelId", stack.catalog().largeModelId()),
                        Map.of("modelId", stack.catalog().smallModelId())))));

        // The gateway knows the alias once routing-service has the registry's change event; no restart.
        HttpResponseFor<ChatCompletion> response = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(NotFoundException.class)
                .until(() -> searchTeam.chat().completions().withRawResponse().create(ask("e2e-cheapest", "hello")),
                        answer -> answer.statusCode() == 200);

        assertThat(response.headers().values("x-signalbox-route")).containsExactly("e2e-cheapest");
        assertThat(response.headers().values("x-signalbox-model")).as("small is cheaper per token than large")
                .containsExactly(DemoCatalog.SMALL_MODEL);
    }

    @Test
    void aRegionNoPoolRunsInIsRefusedWith400AndTheReason() {
        ChatCompletionCreateParams inFrankfurt = ask("fast", "hello").toBuilder()
                .putAdditionalHeader("x-signalbox-region", "eu-central-1").build();

        assertThatThrownBy(() -> searchTeam.chat().completions().create(inFrankfurt))
                .isInstanceOfSatisfying(BadRequestException.class, error -> {
                    assertThat(error.code()).contains("no_model_satisfies_request");
                    assertThat(error.getMessage()).contains("eu-central-1");
                });
    }

    @Test
    void modelListShowsTheDemoRoutesAndModels() {
        List<String> ids = searchTeam.models().list().autoPager().stream().map(model -> model.id()).toList();

        assertThat(ids).contains("auto", "fast", "smart", DemoCatalog.ADAPTIVE_ALIAS, DemoCatalog.SMALL_MODEL, DemoCatalog.LARGE_MODEL);
    }

    @Test
    void theBenchmarksKeyIsCheckedAndCountedAgainstItsPerMinuteLimits() throws Exception {
        // the gateway-overhead benchmark must measure the rate-limit check too: its key has limits it never reaches
        AdminApi registry = new AdminApi(stack.config().registryUrl(), stack.config().adminToken());
        String teamId = registry.post("/api/v1/teams", Map.of("tenantId", stack.catalog().tenantId(),
                "name", "bench-limits")).path("id").asString();
        String key = DemoCatalog.createBenchRoute(registry, teamId, "http://127.0.0.1:1/v1");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.config().gatewayUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}"""
                        .formatted(DemoCatalog.BENCH_ALIAS)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(429);
        long requestLimit = ((Number) DemoCatalog.BENCH_KEY_LIMITS.get("requestsPerMinute")).longValue();
        assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue(Long.toString(requestLimit));
        assertThat(response.headers().firstValue("x-ratelimit-limit-tokens"))
                .hasValue(DemoCatalog.BENCH_KEY_LIMITS.get("tokensPerMinute").toString());
        assertThat(Long.parseLong(response.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow()))
                .as("the request was counted in Redis").isLessThan(requestLimit);
    }

    @Test
    void requestShowsUpPricedInTheCostReportUnderItsTeam() throws Exception {
        OpenAIClient supportTeam = client(stack.catalog().supportKey());
        HttpResponseFor<ChatCompletion> response = supportTeam.chat().completions().withRawResponse()
                .create(ask("fast", "Summarise our refund policy for a customer."));
        ChatCompletion completion = response.parse();
        long prompt = completion.usage().orElseThrow().promptTokens();
        long output = completion.usage().orElseThrow().completionTokens();
        // demo price of llama-3.1-8b: $0.03 per million input tokens, $0.05 per million output tokens,
        // each request rounded half-even to micro-dollars
        BigDecimal expected = new BigDecimal("0.03").multiply(BigDecimal.valueOf(prompt))
                .add(new BigDecimal("0.05").multiply(BigDecimal.valueOf(output)))
                .movePointLeft(6).setScale(6, RoundingMode.HALF_EVEN);
        assertThat(new BigDecimal(response.headers().values("x-signalbox-cost").getFirst())).isEqualByComparingTo(expected);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String report = stack.config().gatewayUrl() + "/api/v1/reports/costs?from=" + today + "&to=" + today.plusDays(1)
                + "&groupBy=team";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode row = teamRow(getJson(report, stack.config().adminToken()), stack.catalog().supportTeamId());
            assertThat(row.path("requests").asLong()).isEqualTo(1);
            assertThat(new BigDecimal(row.path("cost").asString())).isEqualByComparingTo(expected);
            assertThat(row.path("currency").asString()).isEqualTo("USD");
        });
    }

    @Test
    void oneTraceIdLinksTheGatewaySpanTheRoutingSpanTheUpstreamCallAndTheUsageEvent() throws Exception {
        HttpResponseFor<ChatCompletion> response = searchTeam.chat().completions().withRawResponse()
                .create(ask("smart", "Trace me."));
        String requestId = response.headers().values("x-request-id").getFirst();

        ConsumerRecord<String, String> record = usageRecord(requestId);
        UsageRecorded event = ContractJson.fromJson(record.value(), UsageRecorded.class);
        String traceId = event.traceId();
        assertThat(traceId).as("usage event carries the trace id").matches("[0-9a-f]{32}");
        assertThat(record.headers().lastHeader("traceparent")).as("Kafka record header carries the trace context")
                .isNotNull()
                .satisfies(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8)).contains(traceId));
        assertThat(lines("edge-gateway")).as("gateway span logged with the trace id")
                .anyMatch(line -> line.contains(traceId) && line.contains(requestId));
        assertThat(lines("routing-service")).as("routing span continues the same trace")
                .anyMatch(line -> line.contains(traceId));
        JsonNode upstreamRequests = getJson("http://127.0.0.1:" + stack.config().largePoolPort() + "/sim/requests", null);
        assertThat(upstreamRequests.findValuesAsString("traceparent")).as("traceparent reached the upstream")
                .anyMatch(traceparent -> traceparent.contains(traceId));
    }

    @Test
    void telemetryCountsEveryRequestTheGatewayRecorded() throws Exception {
        HttpResponseFor<ChatCompletion> response = searchTeam.chat().completions().withRawResponse()
                .create(ask("smart", "Count me."));
        usageRecord(response.headers().values("x-request-id").getFirst());

        String telemetry = stack.config().gatewayUrl() + "/api/v1/telemetry/models";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(largeModelRequests(telemetry))
                .as("telemetry's count equals the usage events on the topic, none missed, none doubled")
                .isEqualTo(usageEventsOnTopic(DemoCatalog.LARGE_MODEL)));
    }

    /**
     * Every metric a Grafana dashboard in {@code deploy/grafana/dashboards} queries is one the running services
     * export: scraped from each service's {@code /actuator/prometheus} and each pool's {@code /metrics}, after the
     * traffic that makes lazily created series appear (a plain, a streamed and a failed request, a budget). Only
     * {@code up}, which Prometheus itself records per target, is taken on trust.
     */
    @Test
    void everyMetricTheDashboardsQueryIsExportedByTheRunningServices() throws Exception {
        assertThatThrownBy(() -> searchTeam.chat().completions().create(ask("no-such-model", "Fail, please.")))
                .isInstanceOf(NotFoundException.class);
        postJson(stack.config().gatewayUrl() + "/api/v1/budgets", stack.config().adminToken(), Map.of(
                "name", "dashboard drill", "scope", "team", "scopeId", stack.catalog().supportTeamId(),
                "period", "monthly", "currency", "USD", "amount", "100"));
        List<DashboardQueries.Query> queries = DashboardQueries.queries(Path.of("..", "deploy", "grafana",
                "dashboards"));
        assertThat(queries).isNotEmpty();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            searchTeam.chat().completions().create(ask("fast", "Say hello."));
            try (StreamResponse<ChatCompletionChunk> stream = searchTeam.chat().completions()
                    .createStreaming(ask("smart", "Count to three."))) {
                stream.stream().forEach(chunk -> { });
            }
            Set<String> exported = new TreeSet<>(Set.of("up"));
            for (String service : List.of(stack.config().gatewayUrl(), stack.config().routingUrl(),
                    stack.config().registryUrl(), stack.config().telemetryUrl(), stack.config().costUrl())) {
                exported.addAll(DashboardQueries.exposed(getText(service + "/actuator/prometheus")));
            }
            for (int pool : List.of(stack.config().smallPoolPort(), stack.config().largePoolPort())) {
                exported.addAll(DashboardQueries.exposed(getText("http://127.0.0.1:" + pool + "/metrics")));
            }
            List<String> missing = new ArrayList<>();
            for (DashboardQueries.Query query : queries) {
                for (String metric : DashboardQueries.metricNames(query.expr())) {
                    if (!exported.contains(metric)) {
                        missing.add(query.dashboard() + " / " + query.panel() + ": " + metric);
                    }
                }
            }
            assertThat(missing).as("metrics the dashboards query that no service exports").isEmpty();
        });
    }

    /**
     * Runs last, because it stops the broker: meanwhile the other tests' registry changes and usage events would
     * wait for Kafka, and afterwards the services' consumers take a moment to rejoin their groups. The broker is
     * started again whatever happens, so that the stack stops cleanly.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void usageRecordedWhileKafkaIsDownReachesTheCostServiceExactlyOnceWhenKafkaIsBack() throws Exception {
        // a team of its own, so that its row in the cost report counts exactly the requests of this test
        AdminApi registry = new AdminApi(stack.config().registryUrl(), stack.config().adminToken());
        String teamId = registry.post("/api/v1/teams", Map.of("tenantId", stack.catalog().tenantId(),
                "name", "outage-drill")).path("id").asString();
        OpenAIClient drill = client(registry.post("/api/v1/keys", Map.of("teamId", teamId, "name", "outage-drill"))
                .path("key").asString());
        double spooledBefore = gatewayMetric("signalbox_gateway_usage_spooled_total");
        List<String> requestIds = new ArrayList<>();
        BigDecimal expectedCost = BigDecimal.ZERO;

        stack.stopKafkaBroker();
        try {
            for (int i = 1; i <= OUTAGE_REQUESTS; i++) {
                HttpResponseFor<ChatCompletion> response = drill.chat().completions().withRawResponse()
                        .create(ask("fast", "Outage drill, request " + i + ": say something short."));
                assertThat(response.statusCode()).as("request %d while Kafka is down", i).isEqualTo(200);
                assertThat(response.parse().choices()).hasSize(1);
                requestIds.add(response.headers().values("x-request-id").getFirst());
                expectedCost = expectedCost.add(new BigDecimal(response.headers().values("x-signalbox-cost").getFirst()));
            }
            // Kafka acknowledges none of them; once the producer gives up on an event (after max.block.ms, or the
            // delivery timeout when it was already buffered) it goes to the disk spool. At least: an earlier
            // test's event still in flight when the broker stopped is spooled too.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(gatewayMetric("signalbox_gateway_usage_spooled_total") - spooledBefore)
                        .isGreaterThanOrEqualTo(OUTAGE_REQUESTS);
                assertThat(gatewayMetric("signalbox_gateway_usage_spool_size")).isGreaterThanOrEqualTo(OUTAGE_REQUESTS);
            });
            assertThat(costReport().path("rows")).as("nothing reached the cost service while Kafka was down")
                    .noneMatch(row -> teamId.equals(row.path("group").asString()));
        }
        finally {
            stack.startKafkaBroker();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(gatewayMetric("signalbox_gateway_usage_spool_size")).as("spool drained").isZero();
            assertThat(costServiceHasReadTheWholeUsageTopic()).isTrue();
        });
        JsonNode row = teamRow(costReport(), teamId);
        assertThat(row.path("requests").asLong()).as("every request once, however often it is on the topic")
                .isEqualTo(OUTAGE_REQUESTS);
        assertThat(new BigDecimal(row.path("cost").asString())).isEqualByComparingTo(expectedCost);

        Map<Integer, List<String>> firstSeenPerPartition = firstSightingsPerPartition(requestIds);
        assertThat(firstSeenPerPartition.values().stream().mapToInt(List::size).sum())
                .as("every request's event is on the topic").isEqualTo(OUTAGE_REQUESTS);
        firstSeenPerPartition.forEach((partition, seen) -> assertThat(seen)
                .as("replayed in the order the requests were made, on partition %d", partition)
                .isEqualTo(requestIds.stream().filter(seen::contains).toList()));
    }

    static JsonNode costReport() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return getJson(stack.config().gatewayUrl() + "/api/v1/reports/costs?from=" + today.minusDays(1) + "&to="
                + today.plusDays(1) + "&groupBy=team", stack.config().adminToken());
    }

    /** The sum of a gateway metric's samples on {@code /actuator/prometheus}. */
    static double gatewayMetric(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.config().gatewayUrl() + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** True when the cost service's consumer group has committed the end of every usage partition. */
    static boolean costServiceHasReadTheWholeUsageTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(Topics.USAGE)).allTopicNames().get(10, TimeUnit.SECONDS).get(Topics.USAGE)
                    .partitions().forEach(info -> latest.put(new TopicPartition(Topics.USAGE, info.partition()),
                            OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("cost-service")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return latest.keySet().stream().allMatch(partition -> ends.get(partition).offset() == 0
                    || committed.get(partition) != null
                            && committed.get(partition).offset() >= ends.get(partition).offset());
        }
    }

    /** For each usage partition, the given requests in the order their events first appear there. */
    static Map<Integer, List<String>> firstSightingsPerPartition(List<String> requestIds) {
        Map<Integer, List<String>> seen = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    List<String> onPartition = seen.computeIfAbsent(record.partition(), p -> new ArrayList<>());
                    if (requestIds.contains(record.key()) && !onPartition.contains(record.key())) {
                        onPartition.add(record.key());
                    }
                }
            }
        }
        return seen;
    }

    /** Requests to the large model as telemetry counts them (0 before the first). */
    static long largeModelRequests(String telemetry) throws Exception {
        for (JsonNode model : getJson(telemetry, stack.config().adminToken())) {
            if (DemoCatalog.LARGE_MODEL.equals(model.path("modelName").asString())) {
                return model.path("requests").asLong();
            }
        }
        return 0;
    }

    /** Reads the whole usage topic and counts the events served by {@code modelName}. */
    static long usageEventsOnTopic(String modelName) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (modelName.equals(ContractJson.fromJson(record.value(), UsageRecorded.class).modelName())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    static ChatCompletionCreateParams ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question).maxCompletionTokens(48).build();
    }

    static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(stack.config().gatewayUrl() + "/v1").apiKey(key).maxRetries(0)
                .build();
    }

    static JsonNode teamRow(JsonNode report, String teamId) {
        for (JsonNode row : report.path("rows")) {
            if (teamId.equals(row.path("group").asString())) {
                return row;
            }
        }
        throw new AssertionError("No row for team " + teamId + " in " + report);
    }

    static JsonNode getJson(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String getText(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    static JsonNode postJson(String url, String token, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    static List<String> lines(String service) throws Exception {
        return Files.readAllLines(stack.config().logDirectory().resolve(service + ".log"));
    }

    static ConsumerRecord<String, String> usageRecord(String requestId) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + Instant.now().toEpochMilli(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USAGE));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (requestId.equals(record.key())) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return Optional.ofNullable(found.get()).orElseThrow();
    }
}
