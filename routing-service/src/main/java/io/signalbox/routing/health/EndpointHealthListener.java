package io.signalbox.routing.health;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.contracts.json.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted health topic into {@link EndpointHealthStore}. Every routing instance needs every report, so
 * each is its own consumer group and reads the topic from the beginning at start.
 */
@Component
class EndpointHealthListener {

    static final String LISTENER_ID = "endpoint-health";

    private static final Logger log = LoggerFactory.getLogger(EndpointHealthListener.class);

    private final EndpointHealthStore store;

    EndpointHealthListener(EndpointHealthStore store) {
        this.store = store;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.ENDPOINT_HEALTH, groupId = "routing-service-health-${random.uuid}",
            properties = "auto.offset.reset=earliest")
    void onEndpointHealth(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                store.remove(record.key());
            }
            return;
        }
        try {
            store.apply(ContractJson.fromJson(record.value(), EndpointHealth.class));
        }
        catch (RuntimeException malformed) {
            log.warn("Skipping an unreadable health report at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), malformed.getMessage());
        }
    }
}
