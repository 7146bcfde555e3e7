package io.signalbox.routing.health;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.routing.kafka.CompactedTopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted health topic into {@link EndpointHealthStore}. Every routing instance needs every report, so
 * each is its own consumer group and reads the topic from the beginning at start.
 */
@Component
class EndpointHealthListener {

    static final String LISTENER_ID = "endpoint-health";

    private final EndpointHealthStore store;

    EndpointHealthListener(EndpointHealthStore store) {
        this.store = store;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.ENDPOINT_HEALTH, groupId = "routing-service-health-${random.uuid}",
            properties = "auto.offset.reset=earliest")
    void onEndpointHealth(ConsumerRecord<@Nullable String, @Nullable String> record) {
        CompactedTopicRecords.apply(record, EndpointHealth.class, store::apply, store::remove);
    }
}
