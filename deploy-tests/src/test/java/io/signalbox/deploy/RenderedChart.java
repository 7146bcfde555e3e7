package io.signalbox.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The documents of one render, with the views the tests need. */
record RenderedChart(List<Manifest> manifests) {

    /** The five Signalbox services' component names. */
    static final List<String> SERVICES = List.of("edge-gateway", "routing-service", "model-registry-service",
            "telemetry-service", "cost-service");

    static RenderedChart parse(String output) {
        List<Manifest> manifests = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
            if (document instanceof Map<?, ?> map && map.get("kind") != null) {
                Map<String, Object> body = Tree.map(map);
                manifests.add(new Manifest(Objects.requireNonNull(Tree.string(body, "kind")),
                        Objects.requireNonNull(Tree.string(body, "metadata", "name")), body));
            }
        }
        return new RenderedChart(List.copyOf(manifests));
    }

    Stream<Manifest> ofKind(String kind) {
        return manifests.stream().filter(manifest -> manifest.kind().equals(kind));
    }

    List<Manifest> deployments() {
        return ofKind("Deployment").toList();
    }

    /** Deployments and Jobs: everything that runs containers. */
    List<Manifest> workloads() {
        return Stream.concat(ofKind("Deployment"), ofKind("Job")).toList();
    }

    Manifest deployment(String component) {
        return ofKind("Deployment").filter(manifest -> component.equals(manifest.component())).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment for " + component + " in " + manifests));
    }

    /** One rendered document. */
    record Manifest(String kind, String name, Map<String, Object> body) {

        String component() {
            return Objects.requireNonNullElse(Tree.string(body, "metadata", "labels", "app.kubernetes.io/component"), "");
        }

        Map<String, Object> podSpec() {
            return Tree.map(body, "spec", "template", "spec");
        }

        List<Map<String, Object>> containers() {
            return Tree.maps(podSpec(), "containers");
        }

        Map<String, Object> podLabels() {
            return Tree.map(body, "spec", "template", "metadata", "labels");
        }

        /** The env entry of the first container, if any. */
        Map<String, Object> env(String name) {
            return Tree.maps(containers().getFirst(), "env").stream().filter(entry -> name.equals(entry.get("name")))
                    .findFirst().orElse(Map.of());
        }

        @Override
        public String toString() {
            return kind + "/" + name;
        }
    }
}
