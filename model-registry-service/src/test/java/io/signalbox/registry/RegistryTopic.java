package io.signalbox.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.signalbox.contracts.Topics;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;


/** Reads {@link Topics#REGISTRY} from the start with a plain consumer, as another service would. */
public final class RegistryTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    public RegistryTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "registry-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.REGISTRY));
    }

    /** Polls until a record keyed by {@code entityId} arrives, or fails after {@code timeout}. */
    public Received next(String entityId, Duration timeout) {
        return nextWith(entityId, "", timeout);
    }

    /** Polls until a record keyed by {@code entityId} whose value contains {@code text} arrives. */
    public Received nextWith(String entityId, String text, Duration timeout) {
        AtomicReference<Received> found = new AtomicReference<>();
        Awaitility.await().atMost(timeout).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (entityId.equals(record.key()) && record.value().contains(text)) {
                    Header eventId = record.headers().lastHeader(Topics.EVENT_ID_HEADER);
                    found.set(new Received(record.value(),
                            eventId == null ? null : new String(eventId.value(), StandardCharsets.UTF_8)));
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** A record's value and its event id header. */
    public record Received(String value, String eventIdHeader) {
    }
}
