package io.signalbox.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.signalbox.deploy.RenderedChart.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Disruption budgets, autoscaling, placement, network policies and monitoring. */
class HelmChartOperationsTests {

    @Test
    void protectsEveryServiceWithADisruptionBudgetThatStillAllowsNodeDrains() {
        RenderedChart chart = HelmChart.render(ValueSet.DEFAULTS);

        List<Manifest> budgets = chart.ofKind("PodDisruptionBudget").toList();
        assertThat(budgets).extracting(Manifest::component).containsExactlyInAnyOrderElementsOf(RenderedChart.SERVICES);
        for (Manifest budget : budgets) {
            assertThat(Tree.get(budget.body(), "spec", "maxUnavailable")).as(budget.name()).isEqualTo(1);
            assertThat(Tree.map(budget.body(), "spec", "selector", "matchLabels").entrySet()).as(budget.name())
                    .isSubsetOf(chart.deployment(budget.component()).podLabels().entrySet());
        }
        assertThat(HelmChart.render(ValueSet.MINIMAL).ofKind("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void letsTheAutoscalerOwnTheReplicaCountOfAnAutoscaledService() {
        RenderedChart chart = HelmChart.render(ValueSet.PRODUCTION);

        assertThat(chart.ofKind("HorizontalPodAutoscaler")).extracting(Manifest::component)
                .containsExactlyInAnyOrder("edge-gateway", "routing-service");
        Manifest gatewayScaler = chart.ofKind("HorizontalPodAutoscaler")
                .filter(scaler -> scaler.component().equals("edge-gateway")).findFirst().orElseThrow();
        assertThat(Tree.map(gatewayScaler.body(), "spec", "scaleTargetRef"))
                .containsEntry("kind", "Deployment").containsEntry("name", chart.deployment("edge-gateway").name());
        assertThat(Tree.map(gatewayScaler.body(), "spec")).containsEntry("minReplicas", 3).containsEntry("maxReplicas", 12);
        assertThat(Tree.map(chart.deployment("edge-gateway").body(), "spec")).doesNotContainKey("replicas");
        assertThat(Tree.map(chart.deployment("cost-service").body(), "spec")).containsEntry("replicas", 3);
    }

    @ParameterizedTest
    @EnumSource(value = ValueSet.class, names = { "DEFAULTS", "PRODUCTION", "MINIMAL" })
    void spreadsReplicasOverNodesAsConfigured(ValueSet values) {
        Map<String, Object> affinity = Tree.map(HelmChart.render(values).deployment("routing-service").podSpec(),
                "affinity", "podAntiAffinity");

        switch (values) {
            case DEFAULTS -> assertThat(Tree.maps(affinity, "preferredDuringSchedulingIgnoredDuringExecution"))
                    .singleElement().satisfies(term -> assertThat(Tree.string(term, "podAffinityTerm", "topologyKey"))
                            .isEqualTo("kubernetes.io/hostname"));
            case PRODUCTION -> assertThat(Tree.maps(affinity, "requiredDuringSchedulingIgnoredDuringExecution"))
                    .singleElement().satisfies(term -> assertThat(Tree.map(term, "labelSelector", "matchLabels"))
                            .containsEntry("app.kubernetes.io/component", "routing-service"));
            default -> assertThat(affinity).isEmpty();
        }
    }

    @Test
    void letsOnlyTheCallersOfEachInternalServiceReachIt() {
        RenderedChart chart = HelmChart.render(ValueSet.INLINE_SECRETS);

        assertThat(callers(chart, "routing-service")).containsExactly("edge-gateway");
        assertThat(callers(chart, "model-registry-service"))
                .containsExactlyInAnyOrder("edge-gateway", "routing-service", "telemetry-service", "demo-catalog");
        assertThat(callers(chart, "cost-service")).containsExactly("edge-gateway");
        assertThat(callers(chart, "telemetry-service")).containsExactly("edge-gateway");
        assertThat(callers(chart, "simulator")).containsExactlyInAnyOrder("edge-gateway", "routing-service");
        for (Manifest policy : chart.ofKind("NetworkPolicy").toList()) {
            Map<String, Object> selected = Tree.map(policy.body(), "spec", "podSelector", "matchLabels");
            assertThat(chart.deployments()).as("%s selects the pods of a Deployment", policy)
                    .anySatisfy(deployment -> assertThat(deployment.podLabels().entrySet()).containsAll(selected.entrySet()));
        }
    }

    @Test
    void letsTheGatewayBeReachedFromTheConfiguredPeersOnly() {
        Manifest policy = HelmChart.render(ValueSet.PRODUCTION).ofKind("NetworkPolicy")
                .filter(candidate -> candidate.component().equals("edge-gateway")).findFirst().orElseThrow();

        assertThat(Tree.maps(policy.body(), "spec", "ingress").getFirst().get("from")).isEqualTo(List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))));
        assertThat(HelmChart.render(ValueSet.MINIMAL).ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void scrapesTheActuatorOfEveryServiceWithTheServiceNameAsJob() {
        RenderedChart chart = HelmChart.render(ValueSet.PRODUCTION);

        Manifest monitor = chart.ofKind("ServiceMonitor").findFirst().orElseThrow();
        assertThat(Tree.map(monitor.body(), "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
        assertThat(Tree.string(monitor.body(), "spec", "jobLabel")).isEqualTo("app.kubernetes.io/component");
        assertThat(Tree.maps(monitor.body(), "spec", "endpoints")).singleElement().satisfies(endpoint -> assertThat(endpoint)
                .containsEntry("port", "http").containsEntry("path", "/actuator/prometheus"));
        List<Manifest> scraped = chart.ofKind("Service").filter(service -> selects(monitor, service)).toList();
        assertThat(scraped).extracting(Manifest::component).containsExactlyInAnyOrderElementsOf(RenderedChart.SERVICES);
        assertThat(HelmChart.render(ValueSet.DEFAULTS).ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void shipsTheDashboardsToTheGrafanaSidecarWhenAsked() {
        Manifest dashboards = HelmChart.render(ValueSet.PRODUCTION).ofKind("ConfigMap")
                .filter(configMap -> configMap.name().equals(HelmChart.FULLNAME + "-dashboards")).findFirst().orElseThrow();

        assertThat(Tree.map(dashboards.body(), "metadata", "labels")).containsEntry("grafana_dashboard", "1");
        assertThat(Tree.map(dashboards.body(), "metadata", "annotations")).containsEntry("grafana_folder", "Signalbox");
        assertThat(Tree.map(dashboards.body(), "data")).containsEntry("signalbox-overview.json",
                Repository.read("helm/signalbox/dashboards/signalbox-overview.json"));
        assertThat(HelmChart.render(ValueSet.DEFAULTS).ofKind("ConfigMap").map(Manifest::name))
                .doesNotContain(HelmChart.FULLNAME + "-dashboards");
    }

    @Test
    void turnsOnJwtLoginOnEveryServiceWithAnAdminApiUnderThePropertyNamesTheyAllBind() {
        RenderedChart chart = HelmChart.render(ValueSet.PRODUCTION);

        for (String service : List.of("routing-service", "model-registry-service", "telemetry-service", "cost-service")) {
            assertThat(configOf(chart, service)).as(service)
                    .containsEntry("SIGNALBOX_SECURITY_JWT_ISSUER", "https://login.example.com/realms/platform")
                    .containsEntry("SIGNALBOX_SECURITY_JWT_JWKSETURI",
                            "https://login.example.com/realms/platform/protocol/openid-connect/certs")
                    .containsEntry("SIGNALBOX_SECURITY_JWT_ROLECLAIM", "realm_access.roles");
        }
        assertThat(configOf(chart, "edge-gateway")).doesNotContainKey("SIGNALBOX_SECURITY_JWT_ISSUER");
        assertThat(configOf(HelmChart.render(ValueSet.DEFAULTS), "model-registry-service"))
                .doesNotContainKey("SIGNALBOX_SECURITY_JWT_ISSUER");
    }

    @Test
    void restartsOnlyThePodsWhoseConfigurationChanged() {
        RenderedChart before = HelmChart.render(ValueSet.DEFAULTS);
        RenderedChart after = RenderedChart.parse(HelmChart.template(ValueSet.DEFAULTS,
                Map.of("postgresql.cost.url", "jdbc:postgresql://elsewhere:5432/cost")));

        assertThat(checksum(after, "cost-service")).isNotEqualTo(checksum(before, "cost-service"));
        assertThat(checksum(after, "edge-gateway")).isEqualTo(checksum(before, "edge-gateway"));
    }

    private static Map<String, Object> configOf(RenderedChart chart, String service) {
        return Tree.map(chart.ofKind("ConfigMap").filter(configMap -> configMap.name().equals(HelmChart.FULLNAME + "-" + service))
                .findFirst().orElseThrow().body(), "data");
    }

    private static String checksum(RenderedChart chart, String service) {
        return Objects.requireNonNull(Tree.string(chart.deployment(service).body(), "spec", "template", "metadata",
                "annotations", "checksum/config"));
    }

    /** The components whose pods a NetworkPolicy of the component lets in on the service port. */
    private static List<String> callers(RenderedChart chart, String component) {
        Manifest policy = chart.ofKind("NetworkPolicy").filter(candidate -> candidate.component().equals(component))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy for " + component));
        List<String> callers = new ArrayList<>();
        for (Map<String, Object> rule : Tree.maps(policy.body(), "spec", "ingress")) {
            for (Map<String, Object> peer : Tree.maps(rule, "from")) {
                if (!peer.containsKey("namespaceSelector")) {
                    callers.add(Tree.string(peer, "podSelector", "matchLabels", "app.kubernetes.io/component"));
                }
            }
        }
        return callers;
    }

    private static boolean selects(Manifest monitor, Manifest service) {
        Map<String, Object> labels = Tree.map(service.body(), "metadata", "labels");
        boolean labelsMatch = labels.entrySet().containsAll(
                Tree.map(monitor.body(), "spec", "selector", "matchLabels").entrySet());
        boolean expressionsMatch = Tree.maps(monitor.body(), "spec", "selector", "matchExpressions").stream()
                .allMatch(expression -> Tree.list(expression, "values").contains(labels.get(Tree.string(expression, "key"))));
        return labelsMatch && expressionsMatch;
    }
}
