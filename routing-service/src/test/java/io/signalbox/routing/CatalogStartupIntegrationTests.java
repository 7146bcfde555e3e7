package io.signalbox.routing;

import java.net.http.HttpResponse;

import io.signalbox.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.signalbox.routing.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routing-service starting before the registry is up: it must stay out of the load balancer
 * (readiness DOWN, liveness UP), answer 503 instead of guessing, and start routing by itself once
 * the registry answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "signalbox.security.admin-token=" + ServiceClient.ADMIN_TOKEN,
        "signalbox.security.internal-token=" + ServiceClient.INTERNAL_TOKEN,
        "signalbox.routing.catalog.resync-interval=1h",
        "signalbox.routing.catalog.retry-initial-delay=50ms",
        "signalbox.routing.catalog.retry-max-delay=200ms"})
class CatalogStartupIntegrationTests {

    private static final FakeRegistry REGISTRY = FakeRegistry.start(ServiceClient.INTERNAL_TOKEN);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfra.registerKafka(registry);
        registry.add("signalbox.registry.url", REGISTRY::url);
    }

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @Test
    void refusesToRouteUntilTheFirstCatalogArrivesThenStartsByItself() {
        ServiceClient client = new ServiceClient(port);
        await().until(() -> REGISTRY.catalogRequests() >= 3);

        HttpResponse<String> readiness = client.get("/actuator/health/readiness", null);
        HttpResponse<String> liveness = client.get("/actuator/health/liveness", null);
        HttpResponse<String> decision = client.postDecision(SampleCatalog.request("auto", null));
        HttpResponse<String> models = client.get("/v1/models", ServiceClient.INTERNAL_TOKEN);

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(json(readiness).get("status").asString()).isEqualTo("DOWN");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(decision.statusCode()).isEqualTo(503);
        assertThat(decision.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(decision).get("type").asString())
                .isEqualTo("https://signalbox.io/problems/catalog-unavailable");
        assertThat(models.statusCode()).isEqualTo(503);

        REGISTRY.serve(SampleCatalog.snapshot(1));

        await().untilAsserted(() -> assertThat(client.get("/actuator/health/readiness", null).statusCode())
                .isEqualTo(200));
        assertThat(client.postDecision(SampleCatalog.request("auto", null)).statusCode()).isEqualTo(200);
    }
}
