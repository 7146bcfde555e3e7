package io.signalbox.registry.outbox;

import java.time.Duration;
import java.util.UUID;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.registry.RegistryIntegrationTest;
import io.signalbox.registry.RegistryTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change reaches Kafka by itself: the scheduled relay publishes what the outbox holds. */
class RegistryEventsTests extends RegistryIntegrationTest {

    @Test
    void creatingAnEntityPublishesRegistryChangedKeyedByItsId() {
        try (RegistryTopic topic = new RegistryTopic()) {
            String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("events")));
            long version = ContractJson.fromJson(internal().get().uri("/internal/v1/catalog").exchange()
                    .expectBody(String.class).returnResult().getResponseBody(), CatalogSnapshot.class).version();

            RegistryTopic.Received received = topic.next(tenant, Duration.ofSeconds(20));

            RegistryChanged event = ContractJson.fromJson(received.value(), RegistryChanged.class);
            assertThat(event.entity()).isEqualTo("tenant");
            assertThat(event.entityId()).isEqualTo(tenant);
            assertThat(event.operation()).isEqualTo(RegistryChanged.Operation.CREATED);
            assertThat(event.catalogVersion()).as("the version the change produced").isEqualTo(version);
            assertThat(UUID.fromString(received.eventIdHeader())).isEqualTo(event.eventId());
            assertThat(received.value()).as("sent exactly as the contract codec wrote it")
                    .isEqualTo(ContractJson.toJson(event));
        }
    }
}
