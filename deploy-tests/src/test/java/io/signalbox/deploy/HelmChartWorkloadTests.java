package io.signalbox.deploy;

import java.util.List;
import java.util.Map;

import io.signalbox.deploy.RenderedChart.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What every rendering must guarantee for the pods it runs, whatever the values. */
class HelmChartWorkloadTests {

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void rendersADeploymentForEachOfTheFiveServices(ValueSet values) {
        RenderedChart chart = HelmChart.render(values);

        assertThat(chart.deployments()).extracting(Manifest::component).containsAll(RenderedChart.SERVICES);
        for (String service : RenderedChart.SERVICES) {
            assertThat(chart.deployment(service).containers()).singleElement()
                    .satisfies(container -> assertThat(container.get("image")).asString().contains("/" + service + ":"));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void probesEveryServiceOnItsActuatorHealthGroups(ValueSet values) {
        for (String service : RenderedChart.SERVICES) {
            Map<String, Object> container = HelmChart.render(values).deployment(service).containers().getFirst();

            assertThat(Tree.string(container, "livenessProbe", "httpGet", "path")).as(service)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(Tree.string(container, "readinessProbe", "httpGet", "path")).as(service)
                    .isEqualTo("/actuator/health/readiness");
            assertThat(Tree.string(container, "startupProbe", "httpGet", "path")).as(service)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(Tree.string(container, "livenessProbe", "httpGet", "port")).as(service).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyLongRunningContainerHasLivenessAndReadinessProbes(ValueSet values) {
        for (Manifest deployment : HelmChart.render(values).deployments()) {
            for (Map<String, Object> container : deployment.containers()) {
                assertThat(container).as("%s container %s", deployment, container.get("name"))
                        .containsKeys("livenessProbe", "readinessProbe");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyContainerHasCpuAndMemoryRequestsAndLimits(ValueSet values) {
        for (Manifest workload : HelmChart.render(values).workloads()) {
            for (Map<String, Object> container : workload.containers()) {
                for (String bound : List.of("requests", "limits")) {
                    assertThat(Tree.map(container, "resources", bound)).as("%s %s %s", workload, container.get("name"), bound)
                            .containsKeys("cpu", "memory");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everySignalboxServiceLeavesItsJvmRoomBesideTheHeap(ValueSet values) {
        RenderedChart chart = HelmChart.render(values);
        for (String component : RenderedChart.SERVICES) {
            Manifest deployment = chart.deployment(component);
            String options = chart.ofKind("ConfigMap").filter(map -> map.name().equals(deployment.name()))
                    .map(map -> Tree.string(map.body(), "data", "JAVA_TOOL_OPTIONS")).findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + deployment.name()));
            String limit = Tree.string(deployment.containers().getFirst(), "resources", "limits", "memory");
            assertThat(JvmMemory.besideTheHeapMib(options, limit))
                    .as("%s: MiB of its memory limit beside the heap", component)
                    .isGreaterThanOrEqualTo(JvmMemory.BESIDE_THE_HEAP_MIB);
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyContainerRunsAsNonRootOnAReadOnlyRootWithoutPrivilegeEscalation(ValueSet values) {
        for (Manifest workload : HelmChart.render(values).workloads()) {
            assertThat(Tree.get(workload.podSpec(), "securityContext", "runAsNonRoot")).as("%s pod", workload).isEqualTo(true);
            assertThat(Tree.string(workload.podSpec(), "securityContext", "seccompProfile", "type")).as("%s pod", workload)
                    .isEqualTo("RuntimeDefault");
            assertThat(workload.podSpec().get("automountServiceAccountToken")).as("%s pod", workload).isEqualTo(false);
            for (Map<String, Object> container : workload.containers()) {
                Map<String, Object> security = Tree.map(container, "securityContext");
                String which = workload + " container " + container.get("name");
                assertThat(security.get("runAsNonRoot")).as(which).isEqualTo(true);
                assertThat(security.get("readOnlyRootFilesystem")).as(which).isEqualTo(true);
                assertThat(security.get("allowPrivilegeEscalation")).as(which).isEqualTo(false);
                assertThat(Tree.list(security, "capabilities", "drop")).as(which).containsExactly("ALL");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void givesEveryReadOnlyContainerAWritableTmpFromAnEmptyDir(ValueSet values) {
        for (Manifest workload : HelmChart.render(values).workloads()) {
            for (Map<String, Object> container : workload.containers()) {
                String volume = Tree.maps(container, "volumeMounts").stream()
                        .filter(mount -> "/tmp".equals(mount.get("mountPath"))).map(mount -> Tree.string(mount, "name"))
                        .findFirst().orElseThrow(() -> new AssertionError(workload + " mounts nothing at /tmp"));
                assertThat(Tree.maps(workload.podSpec(), "volumes")).as("%s volume %s", workload, volume)
                        .anySatisfy(entry -> {
                            assertThat(entry.get("name")).isEqualTo(volume);
                            assertThat(entry).containsKey("emptyDir");
                        });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyServiceSelectsThePodsOfADeploymentOnAPortTheyExpose(ValueSet values) {
        RenderedChart chart = HelmChart.render(values);
        List<Manifest> services = chart.ofKind("Service").toList();

        assertThat(services).isNotEmpty();
        for (Manifest service : services) {
            Map<String, Object> selector = Tree.map(service.body(), "spec", "selector");
            assertThat(selector).as("%s selector", service).isNotEmpty();
            Manifest target = chart.deployments().stream()
                    .filter(deployment -> deployment.podLabels().entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " selects no Deployment's pods: " + selector));
            List<Object> containerPorts = target.containers().stream()
                    .flatMap(container -> Tree.maps(container, "ports").stream()).map(port -> port.get("name")).toList();
            for (Map<String, Object> port : Tree.maps(service.body(), "spec", "ports")) {
                assertThat(containerPorts).as("%s port %s on %s", service, port.get("targetPort"), target)
                        .contains(port.get("targetPort"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void rollsOutOneNewPodAtATimeWithoutTakingAnOldOneAwayFirst(ValueSet values) {
        for (String service : RenderedChart.SERVICES) {
            Map<String, Object> rollingUpdate = Tree.map(HelmChart.render(values).deployment(service).body(), "spec",
                    "strategy", "rollingUpdate");

            assertThat(rollingUpdate).as(service).containsEntry("maxUnavailable", 0).containsEntry("maxSurge", 1);
        }
    }
}
