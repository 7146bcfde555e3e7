package io.signalbox.routing.catalog;

import java.net.URI;
import java.time.Duration;

import io.signalbox.kit.security.ApiSecurityProperties;
import io.signalbox.routing.FakeRegistry;
import io.signalbox.routing.SampleCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry client over real HTTP, against a stand-in that answers conditional requests as the registry does. */
class RegistryCatalogClientTests {

    private static final String INTERNAL_TOKEN = "internal-token-for-catalog-tests";

    private final FakeRegistry registry = FakeRegistry.start(INTERNAL_TOKEN);

    private final RegistryCatalogClient client = new RegistryCatalogClient(RestClient.builder(),
            new RegistryProperties(URI.create(registry.url()), Duration.ofSeconds(2), Duration.ofSeconds(5)),
            ApiSecurityProperties.ofTokens("admin-token-for-catalog-tests", INTERNAL_TOKEN));

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aResyncOfTheHeldVersionGetsNoSnapshotAndANewerVersionGetsOne() {
        registry.serve(SampleCatalog.snapshot(7));
        assertThat(client.fetch().version()).isEqualTo(7);

        assertThat(client.fetchIfChanged(7)).isEmpty();
        assertThat(registry.notModifiedAnswers()).isEqualTo(1);

        registry.serve(SampleCatalog.snapshot(8));
        assertThat(client.fetchIfChanged(7)).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.version()).isEqualTo(8);
            assertThat(snapshot.routes()).isEqualTo(SampleCatalog.snapshot(8).routes());
        });
        assertThat(registry.notModifiedAnswers()).isEqualTo(1);
    }

    @Test
    void aRegistryThatServesAnOlderVersionIsBelievedAsTheSourceOfTruth() {
        registry.serve(SampleCatalog.snapshot(3));

        assertThat(client.fetchIfChanged(9))
                .hasValueSatisfying(snapshot -> assertThat(snapshot.version()).isEqualTo(3));
    }

    @Test
    void aFailingRegistryFailsTheConditionalFetchToo() {
        registry.fail();

        assertThatThrownBy(() -> client.fetchIfChanged(1)).isInstanceOf(RuntimeException.class);
    }
}
