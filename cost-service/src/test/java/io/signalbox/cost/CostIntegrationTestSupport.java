package io.signalbox.cost;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The whole service against the shared real PostgreSQL and Kafka. Every subclass gets the same
 * application context (same configuration), so tests keep apart by using their own reporting period
 * rather than by cleaning tables.
 */
@SpringBootTest(properties = {
        "signalbox.security.admin-token=" + CostIntegrationTestSupport.ADMIN_TOKEN,
        "signalbox.security.internal-token=internal-token-0123456789",
        "signalbox.security.tokens[0].name=finance-analyst",
        "signalbox.security.tokens[0].token=" + CostIntegrationTestSupport.FINANCE_TOKEN,
        "signalbox.security.tokens[0].roles=finance",
        "signalbox.security.tokens[1].name=team-a-analyst",
        "signalbox.security.tokens[1].token=" + CostIntegrationTestSupport.TEAM_FINANCE_TOKEN,
        "signalbox.security.tokens[1].roles=finance",
        "signalbox.security.tokens[1].team=" + CostIntegrationTestSupport.SCOPED_TEAM,
        "signalbox.security.tokens[2].name=team-a-lead",
        "signalbox.security.tokens[2].token=" + CostIntegrationTestSupport.TEAM_ADMIN_TOKEN,
        "signalbox.security.tokens[2].roles=admin",
        "signalbox.security.tokens[2].team=" + CostIntegrationTestSupport.SCOPED_TEAM,
        "signalbox.security.jwt.issuer=" + TestJwts.ISSUER })
@AutoConfigureMockMvc
public abstract class CostIntegrationTestSupport {

    public static final String ADMIN_TOKEN = "admin-token-0123456789";

    public static final String FINANCE_TOKEN = "finance-token-0123456789";

    /** A finance token confined to {@link #SCOPED_TEAM}. */
    public static final String TEAM_FINANCE_TOKEN = "team-finance-token-0123456789";

    /** An admin token confined to {@link #SCOPED_TEAM}. */
    public static final String TEAM_ADMIN_TOKEN = "team-admin-token-0123456789";

    /** The team of the team-scoped credentials. */
    public static final String SCOPED_TEAM = "team-scoped-a";

    public static final String DEAD_LETTER_TOPIC = "signalbox.usage.v1.DLT";

    protected static final Duration DELIVERY = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static @Nullable KafkaProducer<String, String> producer;

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfra.registerDatabase(registry, "cost_it");
        SharedInfra.registerKafka(registry);
        registry.add("signalbox.security.jwt.public-key-location", TestJwts::publicKeyLocation);
    }

    @AfterAll
    static void closeProducer() {
        KafkaProducer<String, String> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** Publishes as the gateway does: keyed by request id, event id in a header, ContractJson payload. */
    protected static void publish(UsageRecorded event) {
        send(Topics.USAGE, null, event.requestId(), ContractJson.toJson(event), event.eventId());
    }

    /** Publishes to one partition, so that what is sent afterwards to it is consumed afterwards. */
    protected static void publish(int partition, UsageRecorded event) {
        send(Topics.USAGE, partition, event.requestId(), ContractJson.toJson(event), event.eventId());
    }

    protected static void publishRaw(int partition, String key, @Nullable String payload) {
        send(Topics.USAGE, partition, key, payload, null);
    }

    private static void send(String topic, @Nullable Integer partition, String key, @Nullable String value,
            @Nullable UUID eventId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
        if (eventId != null) {
            record.headers().add(Topics.EVENT_ID_HEADER, eventId.toString().getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer().send(record).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Kafka did not take the record", ex);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfra.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Waits until every one of the events is stored as a line item. */
    protected void awaitStored(Collection<UsageRecorded> events) {
        List<UUID> ids = events.stream().map(UsageRecorded::eventId).toList();
        await().atMost(DELIVERY).until(() -> storedCount(ids) == ids.size());
    }

    protected void awaitStored(UsageRecorded... events) {
        awaitStored(List.of(events));
    }

    protected long storedCount(List<UUID> eventIds) {
        return jdbc.sql("select count(*) from line_items where event_id in (:ids)")
                .param("ids", eventIds)
                .query(Long.class)
                .single();
    }

    /** GET the cost report with the admin token; {@code params} are name, value, name, value, ... */
    protected MvcTestResult getReport(String... params) {
        return getReport(MediaType.APPLICATION_JSON, params);
    }

    protected MvcTestResult getReport(MediaType accept, String... params) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.get().uri("/api/v1/reports/costs")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .accept(accept);
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request.exchange();
    }

    protected JsonNode reportJson(String... params) {
        MvcTestResult result = getReport(params);
        String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        if (result.getResponse().getStatus() != 200) {
            throw new AssertionError("Report answered " + result.getResponse().getStatus() + ": " + body);
        }
        return JSON.readTree(body);
    }

    /** GET an API path with a bearer token; {@code params} are name, value, name, value, ... */
    protected MvcTestResult getAs(String token, String path, String... params) {
        return getAs(token, MediaType.APPLICATION_JSON, path, params);
    }

    protected MvcTestResult getAs(String token, MediaType accept, String path, String... params) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(accept);
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request.exchange();
    }

    /** POST to an API path with a bearer token; {@code json} is the body, or null for none. */
    protected MvcTestResult postAs(String token, String path, @Nullable String json) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return request.exchange();
    }

    /** The JSON body of a GET that must answer 200. */
    protected JsonNode jsonAs(String token, String path, String... params) {
        return bodyOf(getAs(token, path, params), 200);
    }

    /** The body of a response that must have {@code status}, as JSON. */
    protected static JsonNode bodyOf(MvcTestResult result, int status) {
        String text = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        if (result.getResponse().getStatus() != status) {
            throw new AssertionError("Expected " + status + " but got " + result.getResponse().getStatus() + ": " + text);
        }
        return JSON.readTree(text);
    }

    protected static BigDecimal money(JsonNode node) {
        return new BigDecimal(node.asString());
    }
}
