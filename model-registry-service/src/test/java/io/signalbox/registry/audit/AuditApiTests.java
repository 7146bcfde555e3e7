package io.signalbox.registry.audit;

import java.time.Instant;
import java.util.List;

import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every change leaves who, when, what, before and after in the audit log. */
class AuditApiTests extends RegistryIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createUpdateAndDeleteAreRecordedWithBeforeAndAfter() {
        Instant start = Instant.now().minusSeconds(1);
        String name = unique("audited");
        String id = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(name));
        put("/api/v1/tenants/" + id, "\"0\"", "{\"name\": \"%s-2\"}".formatted(name)).expectStatus().isOk();
        delete("/api/v1/tenants/" + id, null).expectStatus().isNoContent();

        JsonNode log = read("/api/v1/audit?entity=tenant&entityId=" + id);

        List<JsonNode> entries = log.path("items").valueStream().toList();
        assertThat(entries).extracting(entry -> entry.path("operation").asString())
                .as("newest first").containsExactly("DELETED", "UPDATED", "CREATED");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.path("actor").asString()).isEqualTo("admin");
            assertThat(Instant.parse(entry.path("occurredAt").asString())).isAfter(start);
        });
        JsonNode update = entries.get(1);
        assertThat(update.path("before").path("name").asString()).isEqualTo(name);
        assertThat(update.path("after").path("name").asString()).isEqualTo(name + "-2");
        assertThat(entries.get(0).path("after").isNull()).isTrue();
        assertThat(entries.get(2).path("before").isNull()).isTrue();
        assertThat(entries.get(0).path("catalogVersion").asLong())
                .isGreaterThan(entries.get(1).path("catalogVersion").asLong());
    }

    @Test
    void keySecretsNeverReachTheLog() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("secretive")));
        JsonNode issued = create("/api/v1/keys", "{\"tenantId\": \"%s\", \"name\": \"k\"}".formatted(tenant));
        String key = issued.path("key").asString();

        String log = admin().get().uri("/api/v1/audit?entity=key&entityId=" + issued.path("id").asString())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(log).contains(issued.path("prefix").asString()).doesNotContain(key)
                .doesNotContain(KeyHashes.sha256Hex(key));
    }

    @Test
    void filtersByActorAndTimeWindow() {
        String id = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("windowed")));
        String after = Instant.now().plusSeconds(3600).toString();
        String before = Instant.now().minusSeconds(3600).toString();

        assertThat(read("/api/v1/audit?entityId=" + id + "&actor=admin").path("total").asLong()).isEqualTo(1);
        assertThat(read("/api/v1/audit?entityId=" + id + "&actor=system").path("total").asLong()).isZero();
        assertThat(read("/api/v1/audit?entityId=" + id + "&from=" + before + "&to=" + after).path("total").asLong())
                .isEqualTo(1);
        assertThat(read("/api/v1/audit?entityId=" + id + "&from=" + after).path("total").asLong()).isZero();
    }

    @Test
    void theLogCannotBeRewritten() {
        createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("immutable")));

        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> jdbc.sql("update audit_log set actor = 'nobody'").update());
        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> jdbc.sql("delete from audit_log").update());
    }
}
