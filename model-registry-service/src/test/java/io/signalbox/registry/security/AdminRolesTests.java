package io.signalbox.registry.security;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewers read, finance reads prices, tenants and teams, only admins change anything; the actor is audited. */
class AdminRolesTests extends RegistryIntegrationTest {

    @Test
    void viewerReadsEverythingButChangesNothing() {
        RestTestClient viewer = withToken(VIEWER_TOKEN);
        String name = unique("viewer-made");

        viewer.get().uri("/api/v1/providers").exchange().expectStatus().isOk();
        viewer.get().uri("/api/v1/audit").exchange().expectStatus().isOk();
        JsonNode forbidden = problem(viewer.post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"%s\"}".formatted(name)).exchange(), 403);

        assertThat(forbidden.path("type").asString()).isEqualTo("https://signalbox.io/problems/forbidden");
        assertThat(read("/api/v1/tenants?q=" + name).path("total").asLong()).isZero();
        problem(viewer.get().uri("/internal/v1/catalog").exchange(), 403);
    }

    @Test
    void financeReadsPricesTenantsAndTeamsOnly() {
        RestTestClient finance = withToken(FINANCE_TOKEN);
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"openai\"}"
                .formatted(unique("p")));
        String model = createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 1000}"""
                .formatted(provider, unique("m")));

        finance.get().uri("/api/v1/models/" + model + "/prices").exchange().expectStatus().isOk();
        finance.get().uri("/api/v1/tenants").exchange().expectStatus().isOk();
        finance.get().uri("/api/v1/teams").exchange().expectStatus().isOk();
        problem(finance.get().uri("/api/v1/models/" + model).exchange(), 403);
        problem(finance.get().uri("/api/v1/keys").exchange(), 403);
        problem(finance.post().uri("/api/v1/models/" + model + "/prices").contentType(MediaType.APPLICATION_JSON)
                .body("{\"currency\": \"USD\", \"inputPerMillion\": 0, \"outputPerMillion\": 0}").exchange(), 403);
    }

    @Test
    void theNamedTokenIsTheActorInTheAuditLog() {
        String id = withToken(CI_ADMIN_TOKEN).post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"%s\"}".formatted(unique("ci-made"))).exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();

        String tenant = json(id).path("id").asString();
        assertThat(read("/api/v1/audit?entityId=" + tenant).path("items").findValuesAsString("actor"))
                .containsExactly("ci-bot");
    }
}
