package io.signalbox.registry.provider;

import java.util.Map;
import java.util.UUID;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials go in, are stored encrypted, are never shown again, and survive a key rotation. */
class ProviderCredentialsTests extends RegistryIntegrationTest {

    private static final String SECRET = "sk-live-do-not-leak-4f9a";

    @Autowired
    ProviderService providers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void credentialsAreWriteOnlyAndEncryptedAtRest() {
        JsonNode created = create("/api/v1/providers", """
                {"name": "%s", "kind": "openai", "baseUrl": "https://api.openai.com/v1",
                 "connectTimeoutMs": 2000, "requestTimeoutMs": 60000, "requestsPerMinute": 500,
                 "tokensPerMinute": 30000, "credentials": {"apiKey": "%s"}}""".formatted(unique("openai"), SECRET));
        String id = created.path("id").asString();

        String stored = jdbc.sql("select credentials_ciphertext from providers where id = :id")
                .param("id", UUID.fromString(id)).query(String.class).single();
        String everythingAnAdminCanRead = read("/api/v1/providers/" + id) + read("/api/v1/providers").toString()
                + read("/api/v1/audit?entityId=" + id) + internal().get().uri("/internal/v1/catalog").exchange()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(created.path("hasCredentials").asBoolean()).isTrue();
        assertThat(created.path("credentialsKeyId").asString()).isEqualTo("k2");
        assertThat(created.path("requestsPerMinute").asInt()).isEqualTo(500);
        assertThat(stored).isNotBlank().doesNotContain(SECRET);
        assertThat(everythingAnAdminCanRead).doesNotContain(SECRET).doesNotContain(stored);
        assertThat(providers.credentials(UUID.fromString(id))).containsExactly(Map.entry("apiKey", SECRET));
    }

    @Test
    void updateKeepsReplacesOrRemovesCredentials() {
        String path = "/api/v1/providers/" + createId("/api/v1/providers", """
                {"name": "%s", "kind": "anthropic", "credentials": {"apiKey": "first"}}""".formatted(unique("a")));
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        String name = read(path).path("name").asString();

        put(path, "*", "{\"name\": \"%s\", \"kind\": \"anthropic\"}".formatted(name)).expectStatus().isOk();
        assertThat(providers.credentials(id)).containsEntry("apiKey", "first");
        put(path, "*", """
                {"name": "%s", "kind": "anthropic", "credentials": {"apiKey": "second"}}""".formatted(name))
                .expectStatus().isOk();
        assertThat(providers.credentials(id)).containsEntry("apiKey", "second");
        JsonNode removed = json(put(path, "*", """
                {"name": "%s", "kind": "anthropic", "credentials": {}}""".formatted(name)).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(removed.path("hasCredentials").asBoolean()).isFalse();
        assertThat(providers.credentials(id)).isEmpty();
    }

    @Test
    void rotationReencryptsUnderTheActiveKey() {
        String id = createId("/api/v1/providers", """
                {"name": "%s", "kind": "bedrock", "credentials": {"accessKeyId": "AKIA1", "secretAccessKey": "s3"}}"""
                .formatted(unique("bedrock")));
        CredentialCipher oldCipher = new CredentialCipher(new CredentialProperties("k1", Map.of("k1", OLD_CREDENTIALS_KEY)));
        CredentialCipher.Sealed old = oldCipher.seal(UUID.fromString(id), "{\"accessKeyId\":\"AKIA1\",\"secretAccessKey\":\"s3\"}");
        jdbc.sql("update providers set credentials_ciphertext = :c, credentials_key_id = 'k1' where id = :id")
                .param("c", old.ciphertext()).param("id", UUID.fromString(id)).update();
        assertThat(providers.credentials(UUID.fromString(id))).as("the old key still decrypts")
                .containsEntry("secretAccessKey", "s3");

        JsonNode rotated = json(admin().post().uri("/api/v1/providers/credentials/rotate")
                .contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(rotated.path("reencrypted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(read("/api/v1/providers/" + id).path("credentialsKeyId").asString()).isEqualTo("k2");
        assertThat(providers.credentials(UUID.fromString(id))).containsEntry("accessKeyId", "AKIA1")
                .containsEntry("secretAccessKey", "s3");
    }

    @Test
    void onlyTheInternalServiceTokenReadsCredentialsBack() {
        String id = createId("/api/v1/providers", """
                {"name": "%s", "kind": "anthropic", "credentials": {"apiKey": "%s"}}""".formatted(unique("a"), SECRET));
        String none = createId("/api/v1/providers", """
                {"name": "%s", "kind": "openai-compatible"}""".formatted(unique("vllm")));
        String path = "/internal/v1/providers/" + id + "/credentials";

        RestTestClient.ResponseSpec served = internal().get().uri(path).exchange().expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.noStore());
        JsonNode answer = json(served.expectBody(String.class).returnResult().getResponseBody());
        JsonNode empty = json(internal().get().uri("/internal/v1/providers/" + none + "/credentials").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(answer.path("kind").asString()).isEqualTo("anthropic");
        assertThat(answer.path("credentials").path("apiKey").asString()).isEqualTo(SECRET);
        assertThat(empty.path("credentials").isEmpty()).as("a provider without credentials").isTrue();
        assertThat(problem(admin().get().uri(path).exchange(), 403).toString()).as("write-only for admins")
                .doesNotContain(SECRET);
        withToken(VIEWER_TOKEN).get().uri(path).exchange().expectStatus().isForbidden();
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
        problem(internal().get().uri("/internal/v1/providers/" + UUID.randomUUID() + "/credentials").exchange(), 404);
    }

    @Test
    void invalidSettingsAreFieldErrors() {
        JsonNode problem = problem(admin().post().uri("/api/v1/providers").contentType(MediaType.APPLICATION_JSON)
                .body("""
                {"name": "x", "kind": "openai", "requestTimeoutMs": 0, "tokensPerMinute": -5,
                 "credentials": {"": "v"}}""").exchange(), 400);

        assertThat(problem.path("errors").findValuesAsString("field"))
                .contains("requestTimeoutMs", "tokensPerMinute").anyMatch(field -> field.startsWith("credentials"));
        assertThat(problem.toString()).doesNotContain("\"v\"");
    }
}
