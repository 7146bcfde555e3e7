package io.signalbox.telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real Kafka broker, a real HTTP server playing the registry and another playing the alert
 * webhook, with the production consumer settings (a new group starts at the end of the topic, so each test waits
 * for readiness, which implies the partitions are assigned, before publishing). Every integration test class
 * extends this one and so shares one application context. Periodic work runs every few hundred milliseconds.
 * Tests use ids of their own, so they do not see each other's traffic.
 */
@SpringBootTest(properties = {
        "signalbox.security.admin-token=" + TelemetryIntegrationTestSupport.ADMIN_TOKEN,
        "signalbox.security.internal-token=" + TelemetryIntegrationTestSupport.INTERNAL_TOKEN,
        "signalbox.security.tokens[0].name=dashboards",
        "signalbox.security.tokens[0].token=" + TelemetryIntegrationTestSupport.VIEWER_TOKEN,
        "signalbox.security.tokens[0].roles=viewer",
        "signalbox.telemetry.health.interval=300ms",
        "signalbox.telemetry.alerts.evaluation-interval=300ms",
        "signalbox.telemetry.alerts.delivery.initial-backoff=50ms",
        "signalbox.telemetry.metrics.refresh-interval=300ms",
        "signalbox.telemetry.quality.sampling.tier-shares.premium=1.0",
        "signalbox.telemetry.quality.sampling.tier-shares.economy=0.0" })
@AutoConfigureMockMvc
@AutoConfigureMetrics
public abstract class TelemetryIntegrationTestSupport {

    public static final String ADMIN_TOKEN = "admin-token-0123456789";

    public static final String INTERNAL_TOKEN = "internal-token-0123456789";

    public static final String VIEWER_TOKEN = "viewer-token-0123456789";

    protected static final Duration DELIVERY = Duration.ofSeconds(60);

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static final StubRegistry REGISTRY = StubRegistry.start(INTERNAL_TOKEN);

    protected static final WebhookReceiver WEBHOOK = WebhookReceiver.start();

    private static @Nullable KafkaProducer<String, String> producer;

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected KafkaListenerEndpointRegistry listeners;

    protected final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfra.registerKafka(registry);
        registry.add("signalbox.registry.url", REGISTRY::url);
        registry.add("signalbox.telemetry.alerts.webhook-url", WEBHOOK::url);
    }

    /**
     * Readiness includes the usage consumer having joined its group, which is what the local stack and Kubernetes
     * wait for; events published after that are never missed.
     */
    @BeforeEach
    void awaitReadiness() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                mvc.get().uri("/actuator/health/readiness")).hasStatusOk());
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    protected JsonNode getJson(String path) {
        MvcTestResult result = mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).exchange();
        assertThat(result).hasStatusOk();
        return body(result);
    }

    protected static JsonNode body(MvcTestResult result) {
        return JSON.readTree(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    /** The Prometheus scrape, as a real scraper sees it. */
    protected String scrape() {
        MvcTestResult result = mvc.get().uri("/actuator/prometheus").exchange();
        assertThat(result).hasStatusOk();
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** Sums the samples of {@code metric} whose labels include all of {@code labels}. */
    protected double scrapeSum(String metric, Map<String, String> labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "(\\{(.*)})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(scrape());
        double sum = 0;
        while (matcher.find()) {
            String labelText = matcher.group(2) == null ? "" : matcher.group(2);
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                sum += Double.parseDouble(matcher.group(3));
            }
        }
        return sum;
    }

    protected static Map<String, String> with(Map<String, String> labels, String... more) {
        Map<String, String> all = new HashMap<>(labels);
        for (int i = 0; i + 1 < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    protected static void publish(int partition, UsageRecorded event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, partition, event.requestId(),
                ContractJson.toJson(event));
        record.headers().add(Topics.EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    protected static void publishRaw(String topic, int partition, String key, @Nullable String payload) {
        send(new ProducerRecord<>(topic, partition, key, payload));
    }

    private static synchronized void send(ProducerRecord<String, String> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfra.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(record).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Kafka did not take the record", ex);
        }
    }

    /** Reads a single-partition topic from its beginning until a record matches, or fails after a minute. */
    protected static ConsumerRecord<String, String> awaitRecord(String topic,
            Predicate<ConsumerRecord<String, String>> wanted) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(DELIVERY).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }
}
