package io.signalbox.registry.common.web;

import java.util.List;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists narrow by their filters and keep a stable order (creation time, then id) across pages. */
class ListFiltersTests extends RegistryIntegrationTest {

    @Test
    void modelsFilterByProviderStatusCapabilityAndName() {
        String marker = unique("flt");
        String provider = createId("/api/v1/providers", "{\"name\": \"%s\", \"kind\": \"vertex\"}".formatted(marker));
        String vision = model(provider, marker + "-Vision", "[\"chat\", \"vision\"]", "active");
        String text = model(provider, marker + "-text", "[\"chat\"]", "active");
        String old = model(provider, marker + "-old", "[\"chat\", \"vision\"]", "disabled");
        String byProvider = "/api/v1/models?providerId=" + provider;

        assertThat(ids(byProvider)).containsExactly(vision, text, old);
        assertThat(ids(byProvider + "&capability=vision")).containsExactly(vision, old);
        assertThat(ids(byProvider + "&capability=vision&status=active")).containsExactly(vision);
        assertThat(ids("/api/v1/models?q=" + marker.toUpperCase() + "-VIS")).as("name part, any case")
                .containsExactly(vision);
        assertThat(ids("/api/v1/providers?kind=vertex&q=" + marker)).containsExactly(provider);
        assertThat(ids("/api/v1/providers?kind=bedrock&q=" + marker)).isEmpty();
    }

    @Test
    void pagesAreStableAndCoverEveryItemOnce() {
        String marker = unique("page");
        String tenant = createId("/api/v1/tenants", "{\"name\": \"%s\"}".formatted(marker));
        for (int i = 0; i < 5; i++) {
            createId("/api/v1/teams", "{\"tenantId\": \"%s\", \"name\": \"team-%d\"}".formatted(tenant, i));
        }
        String teams = "/api/v1/teams?tenantId=" + tenant + "&size=2&page=";

        assertThat(read(teams + 0).path("items").findValuesAsString("name")).containsExactly("team-0", "team-1");
        assertThat(read(teams + 1).path("items").findValuesAsString("name")).containsExactly("team-2", "team-3");
        assertThat(read(teams + 2).path("items").findValuesAsString("name")).containsExactly("team-4");
        assertThat(read(teams + 2).path("total").asLong()).isEqualTo(5);
        assertThat(ids("/api/v1/teams?tenantId=" + tenant + "&q=TEAM-3")).hasSize(1);
    }

    @Test
    void likeWildcardsInQAreLiteral() {
        String marker = unique("wild");
        createId("/api/v1/tenants", "{\"name\": \"%s-a_b\"}".formatted(marker));
        createId("/api/v1/tenants", "{\"name\": \"%s-axb\"}".formatted(marker));

        assertThat(read("/api/v1/tenants?q=" + marker + "-a_b").path("items").findValuesAsString("name"))
                .containsExactly(marker + "-a_b");
    }

    private String model(String provider, String name, String capabilities, String status) {
        return createId("/api/v1/models", """
                {"providerId": "%s", "name": "%s", "upstreamModel": "x", "contextWindow": 8192,
                 "capabilities": %s, "status": "%s"}""".formatted(provider, name, capabilities, status));
    }

    private List<String> ids(String path) {
        return read(path).path("items").findValuesAsString("id");
    }
}
