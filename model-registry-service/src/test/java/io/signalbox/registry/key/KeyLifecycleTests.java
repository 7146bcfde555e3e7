package io.signalbox.registry.key;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A key's name, tags and expiry change in place; revocation stops it at once and for good. */
class KeyLifecycleTests extends RegistryIntegrationTest {

    @Test
    void changedTagsAndExpiryReachTheGatewayLookup() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        JsonNode issued = create("/api/v1/keys", """
                {"tenantId": "%s", "name": "batch", "tags": {"project": "old"}}""".formatted(tenant));
        String path = "/api/v1/keys/" + issued.path("id").asString();
        Instant expiresAt = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        JsonNode updated = json(put(path, "\"0\"", """
                {"name": "nightly batch", "tags": {"project": "new", "env": "prod"}, "expiresAt": "%s"}"""
                .formatted(expiresAt)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        KeyIdentity identity = lookup(issued.path("key").asString());
        assertThat(updated.path("name").asString()).isEqualTo("nightly batch");
        assertThat(updated.has("key")).as("the key is never shown again").isFalse();
        assertThat(identity.tags()).containsOnly(Map.entry("project", "new"), Map.entry("env", "prod"));
        assertThat(identity.expiresAt()).isEqualTo(expiresAt);
        assertThat(problem(put(path, "\"1\"", """
                {"name": "x", "expiresAt": "2020-01-01T00:00:00Z"}"""), 400).path("errors").findValuesAsString("field"))
                .containsExactly("expiresAt");
    }

    @Test
    void revokedKeyIsRefusedAtOnceAndRevokingAgainChangesNothing() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        JsonNode issued = create("/api/v1/keys", "{\"tenantId\": \"%s\", \"name\": \"leaked\"}".formatted(tenant));
        String id = issued.path("id").asString();
        String hash = KeyHashes.sha256Hex(issued.path("key").asString());
        internal().get().uri("/internal/v1/keys/" + hash).exchange().expectStatus().isOk();

        JsonNode revoked = revoke(id);
        JsonNode again = revoke(id);

        assertThat(revoked.path("status").asString()).isEqualTo("revoked");
        assertThat(again.path("revision").asLong()).isEqualTo(revoked.path("revision").asLong());
        internal().get().uri("/internal/v1/keys/" + hash).exchange().expectStatus().isNotFound();
        assertThat(read("/api/v1/audit?entity=key&entityId=" + id).path("total").asLong())
                .as("created and revoked once").isEqualTo(2);
        assertThat(read("/api/v1/keys?tenantId=" + tenant + "&status=revoked").path("items")
                .findValuesAsString("id")).containsExactly(id);
        assertThat(read("/api/v1/keys?tenantId=" + tenant + "&status=active").path("total").asLong()).isZero();
    }

    private JsonNode revoke(String id) {
        return json(admin().post().uri("/api/v1/keys/" + id + "/revoke").contentType(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private KeyIdentity lookup(String key) {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/keys/" + KeyHashes.sha256Hex(key)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), KeyIdentity.class);
    }
}
