package io.signalbox.gateway;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/** Every usage event the gateways of this test JVM published, read back from the real usage topic. */
final class UsageEvents {

    private static final Map<String, UsageRecorded> BY_REQUEST = new ConcurrentHashMap<>();

    private static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();

    static {
        Thread consumer = new Thread(UsageEvents::collect, "usage-collector");
        consumer.setDaemon(true);
        consumer.start();
    }

    private UsageEvents() {
    }

    /** The events seen so far, by request id (the topic's key); filled as they arrive. */
    static Map<String, UsageRecorded> all() {
        return BY_REQUEST;
    }

    /** The event of the request a response answered (its {@code x-request-id}), once it has arrived. */
    static UsageRecorded of(HttpResponse<?> response) {
        return of(response.headers().firstValue("x-request-id").orElseThrow());
    }

    static UsageRecorded of(String requestId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> BY_REQUEST.containsKey(requestId));
        return BY_REQUEST.get(requestId);
    }

    /** The {@code traceparent} header of a request's usage record ("" when it had none), once it has arrived. */
    static String traceparentOf(String requestId) {
        of(requestId);
        return TRACEPARENTS.get(requestId);
    }

    private static void collect() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-tests-" + Instant.now().toEpochMilli(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USAGE));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header traceparent = record.headers().lastHeader("traceparent");
                    TRACEPARENTS.put(record.key(), traceparent == null ? ""
                            : new String(traceparent.value(), StandardCharsets.UTF_8));
                    BY_REQUEST.put(record.key(), ContractJson.fromJson(record.value(), UsageRecorded.class));
                }
            }
        }
    }
}
