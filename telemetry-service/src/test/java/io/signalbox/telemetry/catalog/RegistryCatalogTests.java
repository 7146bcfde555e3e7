package io.signalbox.telemetry.catalog;

import java.net.URI;
import java.time.Duration;

import io.signalbox.kit.security.ApiSecurityProperties;
import io.signalbox.telemetry.StubRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic catalog refresh over real HTTP, against a stand-in that answers conditional requests as the registry
 * does.
 */
class RegistryCatalogTests {

    private static final String INTERNAL_TOKEN = "internal-token-for-catalog-tests";

    private final StubRegistry registry = StubRegistry.start(INTERNAL_TOKEN);

    private final RegistryCatalog catalog = new RegistryCatalog(RestClient.builder(),
            new CatalogProperties(URI.create(registry.url()), Duration.ofSeconds(2), Duration.ofSeconds(5)),
            ApiSecurityProperties.ofTokens("admin-token-for-catalog-tests", INTERNAL_TOKEN));

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aRefreshOfAnUnchangedCatalogKeepsItWithoutASecondSnapshot() {
        catalog.refresh();
        long loaded = catalog.version();
        assertThat(loaded).isPositive();
        assertThat(catalog.tierOf(StubRegistry.ADAPTIVE, StubRegistry.LARGE)).isEqualTo("premium");

        catalog.refresh();
        catalog.refresh();

        assertThat(registry.snapshotsSent()).isEqualTo(1);
        assertThat(catalog.version()).isEqualTo(loaded);
        assertThat(catalog.tierOf(StubRegistry.ADAPTIVE, StubRegistry.LARGE)).isEqualTo("premium");
    }
}
