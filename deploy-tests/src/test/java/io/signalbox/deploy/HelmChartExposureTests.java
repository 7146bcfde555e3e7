package io.signalbox.deploy;

import java.util.List;
import java.util.Map;

import io.signalbox.deploy.RenderedChart.Manifest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelmChartExposureTests {

    private static final String GATEWAY_SERVICE = HelmChart.FULLNAME + "-edge-gateway";

    @Test
    void routesTheApiAndTheAdminPathsToTheGatewayThroughAnIngress() {
        RenderedChart chart = HelmChart.render(ValueSet.DEFAULTS);

        Manifest ingress = chart.ofKind("Ingress").findFirst().orElseThrow();
        List<Map<String, Object>> rules = Tree.maps(ingress.body(), "spec", "rules");
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.get("host")).isEqualTo("signalbox.example.com");
            assertThat(Tree.maps(rule, "http", "paths")).extracting(path -> path.get("path")).containsExactly("/v1", "/api");
            assertThat(Tree.maps(rule, "http", "paths")).allSatisfy(path -> {
                assertThat(Tree.string(path, "backend", "service", "name")).isEqualTo(GATEWAY_SERVICE);
                assertThat(Tree.string(path, "backend", "service", "port", "name")).isEqualTo("http");
            });
        });
        assertThat(chart.ofKind("HTTPRoute")).isEmpty();
    }

    @Test
    void putsTheAdminApiOnItsOwnHostWithTls() {
        Manifest ingress = HelmChart.render(ValueSet.PRODUCTION).ofKind("Ingress").findFirst().orElseThrow();

        assertThat(Tree.maps(ingress.body(), "spec", "rules"))
                .extracting(rule -> rule.get("host") + " " + Tree.maps(rule, "http", "paths").stream()
                        .map(path -> path.get("path")).toList())
                .containsExactly("ai.example.com [/v1]", "ai-admin.internal.example.com [/api]");
        assertThat(Tree.string(ingress.body(), "spec", "ingressClassName")).isEqualTo("nginx");
        assertThat(Tree.maps(ingress.body(), "spec", "tls")).singleElement()
                .satisfies(tls -> assertThat(tls.get("secretName")).isEqualTo("signalbox-tls"));
    }

    @Test
    void attachesHttpRoutesToTheGatewayApiGatewayInsteadOfAnIngress() {
        RenderedChart chart = HelmChart.render(ValueSet.GATEWAY_API);

        assertThat(chart.ofKind("Ingress")).isEmpty();
        List<Manifest> routes = chart.ofKind("HTTPRoute").toList();
        assertThat(routes).extracting(route -> Tree.list(route.body(), "spec", "hostnames").getFirst() + " "
                + Tree.maps(route.body(), "spec", "rules").getFirst().get("matches"))
                .containsExactly("ai.example.com [{path={type=PathPrefix, value=/v1}}]",
                        "ai-admin.internal.example.com [{path={type=PathPrefix, value=/api}}]");
        assertThat(routes).allSatisfy(route -> {
            assertThat(Tree.maps(route.body(), "spec", "parentRefs")).singleElement()
                    .satisfies(parent -> assertThat(parent).containsEntry("name", "public")
                            .containsEntry("namespace", "gateway-system").containsEntry("sectionName", "https"));
            assertThat(Tree.maps(route.body(), "spec", "rules").getFirst().get("backendRefs"))
                    .isEqualTo(List.of(Map.of("name", GATEWAY_SERVICE, "port", 8080)));
        });
    }

    @Test
    void exposesNothingWhenTold() {
        RenderedChart chart = HelmChart.render(ValueSet.MINIMAL);

        assertThat(chart.ofKind("Ingress")).isEmpty();
        assertThat(chart.ofKind("HTTPRoute")).isEmpty();
    }

    @Test
    void keepsTheAdminApiInsideTheClusterWhenAdminExposureIsOff() {
        RenderedChart chart = RenderedChart.parse(HelmChart.template(ValueSet.DEFAULTS,
                Map.of("exposure.admin.enabled", false)));

        assertThat(Tree.maps(chart.ofKind("Ingress").findFirst().orElseThrow().body(), "spec", "rules"))
                .flatExtracting(rule -> Tree.maps(rule, "http", "paths")).extracting(path -> path.get("path"))
                .containsExactly("/v1");
    }
}
