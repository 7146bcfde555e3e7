package io.signalbox.registry;

import java.util.UUID;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.infra.SharedInfra;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on a random port against the shared real PostgreSQL and Kafka. Test classes
 * extending this share one application context and one database ({@code registry_it}), so they give
 * what they create unique names.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "signalbox.security.admin-token=" + RegistryIntegrationTest.ADMIN_TOKEN,
        "signalbox.security.internal-token=" + RegistryIntegrationTest.INTERNAL_TOKEN,
        "signalbox.security.tokens[0].name=grafana",
        "signalbox.security.tokens[0].token=" + RegistryIntegrationTest.VIEWER_TOKEN,
        "signalbox.security.tokens[0].roles=viewer",
        "signalbox.security.tokens[1].name=billing",
        "signalbox.security.tokens[1].token=" + RegistryIntegrationTest.FINANCE_TOKEN,
        "signalbox.security.tokens[1].roles=finance",
        "signalbox.security.tokens[2].name=ci-bot",
        "signalbox.security.tokens[2].token=" + RegistryIntegrationTest.CI_ADMIN_TOKEN,
        "signalbox.security.tokens[2].roles=admin",
        "signalbox.credentials.active-key=k2",
        "signalbox.credentials.keys.k1=" + RegistryIntegrationTest.OLD_CREDENTIALS_KEY,
        "signalbox.credentials.keys.k2=" + RegistryIntegrationTest.CREDENTIALS_KEY })
@AutoConfigureRestTestClient
public abstract class RegistryIntegrationTest {

    public static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";

    public static final String INTERNAL_TOKEN = "internal-token-for-tests-0123456789";

    public static final String VIEWER_TOKEN = "viewer-token-for-tests-0123456789";

    public static final String FINANCE_TOKEN = "finance-token-for-tests-0123456789";

    public static final String CI_ADMIN_TOKEN = "ci-admin-token-for-tests-0123456789";

    /** The active credentials key (AES-256, base64), {@code k2}. */
    public static final String CREDENTIALS_KEY = "lANjCQ8CuQkqvncrPAT1JqFXcTS54KL8dP15Kb9Puvw=";

    /** An older credentials key that still decrypts, {@code k1}. */
    public static final String OLD_CREDENTIALS_KEY = "p4Gf2wWzjz2ffFiLXMk1Il8+eb9SSEr/erZA/ceHld0=";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfra.registerDatabase(registry, "registry_it");
        SharedInfra.registerKafka(registry);
    }

    @Autowired
    protected RestTestClient http;

    protected RestTestClient admin() {
        return withToken(ADMIN_TOKEN);
    }

    protected RestTestClient internal() {
        return withToken(INTERNAL_TOKEN);
    }

    protected RestTestClient withToken(String token) {
        return http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    /** POSTs as admin and expects 201 with a {@code Location} naming the new entity; answers the body. */
    protected JsonNode create(String path, String json) {
        EntityExchangeResult<String> result = admin().post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange()
                .expectStatus().isCreated()
                .expectBody(String.class).returnResult();
        JsonNode body = json(result.getResponseBody());
        assertThat(result.getResponseHeaders().getLocation()).as("Location of the new entity")
                .hasToString(path + "/" + body.path("id").asString());
        return body;
    }

    /** The id of a newly created entity. */
    protected String createId(String path, String json) {
        return create(path, json).path("id").asString();
    }

    /** GETs as admin and expects 200. */
    protected JsonNode read(String path) {
        return json(admin().get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    /** GETs as admin and answers the {@code ETag}. */
    protected String etag(String path) {
        String etag = admin().get().uri(path).exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseHeaders().getETag();
        assertThat(etag).as("ETag of " + path).isNotNull();
        return etag;
    }

    /** PUTs as admin with {@code If-Match} (none when {@code ifMatch} is null). */
    protected RestTestClient.ResponseSpec put(String path, @Nullable String ifMatch, String json) {
        RestTestClient.RequestBodySpec request = admin().put().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(json).exchange();
    }

    /** DELETEs as admin, with {@code If-Match} when given. */
    protected RestTestClient.ResponseSpec delete(String path, @Nullable String ifMatch) {
        RestTestClient.RequestHeadersSpec<?> request = admin().delete().uri(path);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.exchange();
    }

    /** Expects a problem with the status and answers its body. */
    protected static JsonNode problem(RestTestClient.ResponseSpec response, int status) {
        String body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return json(body);
    }

    /** Numbers are read as exact decimals, as the services read them. */
    protected static JsonNode json(String body) {
        return ContractJson.mapper().readTree(body);
    }

    /** A name no other test uses: {@code base} and eight lower-case hex digits. */
    protected static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
