package io.signalbox.registry.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.registry.RegistryChanged;
import io.signalbox.infra.Ports;
import io.signalbox.infra.SharedInfra;
import io.signalbox.registry.RegistryIntegrationTest;
import io.signalbox.registry.RegistryTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay driven by hand (the scheduled relay is off in this context, which has a database of its
 * own), so a test can decide when it runs and against which broker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "signalbox.security.admin-token=" + RegistryIntegrationTest.ADMIN_TOKEN,
        "signalbox.security.internal-token=" + RegistryIntegrationTest.INTERNAL_TOKEN,
        "signalbox.outbox.relay-enabled=false" })
@AutoConfigureRestTestClient
class OutboxRelayTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfra.registerDatabase(registry, "registry_outbox");
        SharedInfra.registerKafka(registry);
    }

    @Autowired
    RestTestClient http;

    @Autowired
    OutboxRelay relay;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRepository events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    OutboxProperties properties;

    @Autowired
    DataSource dataSource;

    @Test
    void eventsWaitWhileKafkaIsUnreachableAndAreSentWhenItIsBack() {
        String tenant = createTenant();
        long pending = outbox.pending();
        assertThat(pending).isPositive();

        DefaultKafkaProducerFactory<String, String> unreachable = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + Ports.free(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300), new StringSerializer(), new StringSerializer());
        try {
            OutboxRelay cutOff = new OutboxRelay(events, new KafkaTemplate<>(unreachable), transactions, properties,
                    Clock.systemUTC());

            assertThat(cutOff.relayOnce()).isZero();
            assertThat(outbox.pending()).as("nothing is marked published without an ack").isEqualTo(pending);
        }
        finally {
            unreachable.destroy();
        }

        try (RegistryTopic topic = new RegistryTopic()) {
            relay.relayPending();

            assertThat(outbox.pending()).isZero();
            RegistryChanged event = ContractJson.fromJson(topic.next(tenant, Duration.ofSeconds(20)).value(),
                    RegistryChanged.class);
            assertThat(event.entity()).isEqualTo("tenant");
        }
    }

    @Test
    void backlogIsVisibleToPrometheus() {
        createTenant();
        long pending = outbox.pending();

        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("signalbox_outbox_pending_events " + (double) pending);
    }

    @Test
    void relaySkipsItsTurnWhileAnotherInstanceRelays() throws Exception {
        createTenant();
        long pending = outbox.pending();

        try (Connection otherInstance = dataSource.getConnection()) {
            try (PreparedStatement lock = otherInstance.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK_KEY);
                lock.execute();
            }

            assertThat(relay.relayOnce()).isZero();
            assertThat(outbox.pending()).isEqualTo(pending);

            try (PreparedStatement unlock = otherInstance.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, OutboxRelay.RELAY_LOCK_KEY);
                unlock.execute();
            }
        }

        assertThat(relay.relayOnce()).isEqualTo((int) pending);
        assertThat(outbox.pending()).isZero();
    }

    private String createTenant() {
        String body = http.post().uri("/api/v1/tenants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + RegistryIntegrationTest.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"tenant-" + System.nanoTime() + "\"}").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        JsonNode created = ContractJson.mapper().readTree(body);
        return created.path("id").asString();
    }
}
