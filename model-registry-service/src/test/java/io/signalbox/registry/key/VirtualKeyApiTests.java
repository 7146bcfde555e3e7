package io.signalbox.registry.key;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys are shown once, stored as hashes, and found by hash only while they may be used. */
class VirtualKeyApiTests extends RegistryIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void keyIsShownOnceAndFoundByItsHash() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        String team = createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"search\"}".formatted(tenant));
        Instant expiresAt = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        JsonNode issued = create("/api/v1/keys", """
                {"teamId": "%s", "name": "search backend", "tags": {"project": "search", "env": "prod"},
                 "expiresAt": "%s"}""".formatted(team, expiresAt));
        String key = issued.path("key").asString();
        String id = issued.path("id").asString();

        assertThat(key).matches("sk-sb-[A-Za-z0-9_-]{43}");
        assertThat(issued.path("prefix").asString()).isEqualTo(key.substring(0, 12));
        assertThat(issued.path("tenantId").asString()).as("the team's tenant owns the key").isEqualTo(tenant);

        String single = admin().get().uri("/api/v1/keys/" + id).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String list = admin().get().uri("/api/v1/keys?teamId=" + team).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        for (String body : new String[] { single, list }) {
            assertThat(body).contains(id).doesNotContain(key).doesNotContain(KeyHashes.sha256Hex(key))
                    .doesNotContain("\"key\"");
        }

        String identity = internal().get().uri("/internal/v1/keys/" + KeyHashes.sha256Hex(key)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(ContractJson.fromJson(identity, KeyIdentity.class)).isEqualTo(new KeyIdentity(id,
                key.substring(0, 12), tenant, team, Map.of("project", "search", "env", "prod"), "active", expiresAt));
    }

    @Test
    void tenantWideKeyHasNoTeam() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("globex")));

        JsonNode issued = create("/api/v1/keys", "{\"tenantId\": \"%s\", \"name\": \"ops\"}".formatted(tenant));

        KeyIdentity identity = lookup(issued.path("key").asString());
        assertThat(identity.tenantId()).isEqualTo(tenant);
        assertThat(identity.teamId()).isNull();
        assertThat(identity.tags()).isEmpty();
        assertThat(identity.expiresAt()).isNull();
    }

    @Test
    void revokedExpiredAndUnknownKeysAreNotFound() {
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("initech")));
        String revoked = create("/api/v1/keys", "{\"tenantId\": \"%s\", \"name\": \"old\"}".formatted(tenant))
                .path("key").asString();
        String expired = create("/api/v1/keys", "{\"tenantId\": \"%s\", \"name\": \"temp\"}".formatted(tenant))
                .path("key").asString();
        jdbc.sql("update virtual_keys set status = 'revoked' where key_hash = :hash")
                .param("hash", KeyHashes.sha256Hex(revoked)).update();
        jdbc.sql("update virtual_keys set expires_at = now() - interval '1 second' where key_hash = :hash")
                .param("hash", KeyHashes.sha256Hex(expired)).update();

        for (String hash : new String[] { KeyHashes.sha256Hex(revoked), KeyHashes.sha256Hex(expired),
                KeyHashes.sha256Hex("sk-sb-never-issued"), "not-a-hash" }) {
            String body = internal().get().uri("/internal/v1/keys/" + hash).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(json(body).path("type").asString()).isEqualTo("https://signalbox.io/problems/not-found");
        }
    }

    @Test
    void keyNeedsAnOwnerThatExistsAndAgrees() {
        String acme = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("acme")));
        String globex = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(unique("globex")));
        String acmeTeam = createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"ml\"}".formatted(acme));

        assertThat(problemFields("{\"name\": \"orphan\"}")).containsExactly("teamId");
        assertThat(problemFields("{\"tenantId\": \"%s\", \"teamId\": \"%s\", \"name\": \"x\"}".formatted(globex,
                acmeTeam))).containsExactly("tenantId");
        assertThat(problemFields("{\"tenantId\": \"%s\", \"name\": \"x\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}"
                .formatted(acme))).containsExactly("expiresAt");
        admin().post().uri("/api/v1/keys").contentType(MediaType.APPLICATION_JSON)
                .body("{\"teamId\": \"%s\", \"name\": \"x\"}".formatted(UUID.randomUUID())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void keyLookupIsNotOpenToTheAdminApiCallersWithoutToken() {
        http.get().uri("/internal/v1/keys/" + KeyHashes.sha256Hex("anything")).exchange()
                .expectStatus().isUnauthorized();
    }

    private KeyIdentity lookup(String key) {
        return ContractJson.fromJson(internal().get().uri("/internal/v1/keys/" + KeyHashes.sha256Hex(key)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), KeyIdentity.class);
    }

    private List<String> problemFields(String json) {
        String body = admin().post().uri("/api/v1/keys").contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        return json(body).path("errors").findValuesAsString("field");
    }
}
