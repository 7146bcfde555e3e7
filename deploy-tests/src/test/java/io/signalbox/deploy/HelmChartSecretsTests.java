package io.signalbox.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.signalbox.deploy.RenderedChart.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmChartSecretsTests {

    /** The secrets inline-secrets.yaml gives as values. */
    private static final List<String> INLINE_SECRETS = List.of("inline-admin-token-7f3a9c1e5b",
            "inline-internal-token-2d8e4f6a0c", "inline-registry-db-pw-91b7", "inline-cost-db-pw-4c2e",
            "inline-kafka-sasl-pw-6d1f", "inline-redis-pw-8a3b", "c2lnbmFsYm94LXRlc3Qta2V5LW51bWJlci1vbmUtMzI=",
            "c2lnbmFsYm94LXRlc3Qta2V5LW51bWJlci10d28tMzI=");

    @ParameterizedTest
    @EnumSource(value = ValueSet.class, names = { "INLINE_SECRETS", "GATEWAY_API" })
    void rendersNoSecretValueIntoAConfigMapAPlainEnvironmentVariableOrAnAnnotation(ValueSet values) {
        RenderedChart chart = HelmChart.render(values);
        Set<String> secrets = new HashSet<>(secretValues(chart));
        if (values == ValueSet.INLINE_SECRETS) {
            assertThat(secrets).containsAll(INLINE_SECRETS);
        }
        assertThat(secrets).isNotEmpty();

        List<String> exposed = new ArrayList<>();
        chart.ofKind("ConfigMap").forEach(configMap -> Tree.map(configMap.body(), "data").values()
                .forEach(value -> exposed.add(configMap + " data: " + value)));
        for (Manifest workload : chart.workloads()) {
            workload.containers().forEach(container -> Tree.maps(container, "env").forEach(entry -> exposed
                    .add(workload + " env " + entry.get("name") + "=" + entry.getOrDefault("value", ""))));
            Tree.map(workload.body(), "spec", "template", "metadata", "annotations")
                    .forEach((name, value) -> exposed.add(workload + " annotation " + name + "=" + value));
        }
        for (String secret : secrets) {
            assertThat(exposed).as("places outside Secrets").noneMatch(place -> place.contains(secret));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void referencesOnlySecretsAndKeysThatExist(ValueSet values) {
        RenderedChart chart = HelmChart.render(values);
        Map<String, Set<String>> rendered = new HashMap<>();
        chart.ofKind("Secret").forEach(secret -> rendered.put(secret.name(), Tree.map(secret.body(), "data").keySet()));
        Map<String, Set<String>> existing = Map.of(
                "signalbox-tokens", Set.of("admin", "internal"),
                "signalbox-credential-keys", Set.of("k2025", "k2026"),
                "signalbox-registry-db", Set.of("password"),
                "signalbox-cost-db", Set.of("pg-password"),
                "signalbox-kafka", Set.of("password"),
                "signalbox-redis", Set.of("password"),
                // created by the pre-install hook when no tokens are configured; hooks are not in a template
                HelmChart.FULLNAME + "-auth-generated", Set.of("admin-token", "internal-token"));

        List<Map<String, Object>> references = secretKeyRefs(chart);
        assertThat(references).isNotEmpty();
        for (Map<String, Object> reference : references) {
            String name = Tree.string(reference, "name");
            Set<String> keys = rendered.containsKey(name) ? rendered.get(name) : existing.get(name);
            assertThat(keys).as("Secret %s referenced by %s", name, values).isNotNull();
            assertThat(keys).as("keys of Secret %s", name).contains(Tree.string(reference, "key"));
        }
    }

    @Test
    void existingSecretsReplaceEveryRenderedSecretAndAreReferencedWithTheirOwnKeys() {
        RenderedChart chart = HelmChart.render(ValueSet.PRODUCTION);

        assertThat(chart.ofKind("Secret")).isEmpty();
        Manifest registry = chart.deployment("model-registry-service");
        assertThat(Tree.map(registry.env("SIGNALBOX_ADMIN_TOKEN"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", "signalbox-tokens").containsEntry("key", "admin");
        assertThat(Tree.map(registry.env("REGISTRY_DB_PASSWORD"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", "signalbox-registry-db").containsEntry("key", "password");
        assertThat(Tree.map(registry.env("SIGNALBOX_CREDENTIALS_KEYS_K2025"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", "signalbox-credential-keys").containsEntry("key", "k2025");
        assertThat(Tree.map(registry.env("SIGNALBOX_CREDENTIALS_KEYS_K2026"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", "signalbox-credential-keys").containsEntry("key", "k2026");
        assertThat(Tree.map(chart.deployment("cost-service").env("COST_DB_PASSWORD"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", "signalbox-cost-db").containsEntry("key", "pg-password");
        assertThat(Tree.map(chart.deployment("edge-gateway").env("SPRING_DATA_REDIS_PASSWORD"), "valueFrom",
                "secretKeyRef")).containsEntry("name", "signalbox-redis");
    }

    @Test
    void givesTheGatewayOnlyTheInternalTokenAndTheAdminServicesBoth() {
        RenderedChart chart = HelmChart.render(ValueSet.INLINE_SECRETS);

        assertThat(chart.deployment("edge-gateway").env("SIGNALBOX_INTERNAL_TOKEN")).isNotEmpty();
        assertThat(chart.deployment("edge-gateway").env("SIGNALBOX_ADMIN_TOKEN")).isEmpty();
        for (String service : List.of("routing-service", "model-registry-service", "telemetry-service", "cost-service")) {
            assertThat(chart.deployment(service).env("SIGNALBOX_ADMIN_TOKEN")).as(service).isNotEmpty();
            assertThat(chart.deployment(service).env("SIGNALBOX_INTERNAL_TOKEN")).as(service).isNotEmpty();
        }
    }

    @Test
    void passesTheKafkaPasswordToTheJaasConfigurationByReferenceOnly() {
        Manifest cost = HelmChart.render(ValueSet.PRODUCTION).deployment("cost-service");

        assertThat(Tree.string(cost.env("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"), "value"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";");
        List<String> names = Tree.maps(cost.containers().getFirst(), "env").stream().map(entry -> Tree.string(entry, "name"))
                .toList();
        assertThat(names.indexOf("KAFKA_SASL_PASSWORD")).as("defined before it is referenced")
                .isNotNegative().isLessThan(names.indexOf("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
    }

    @Test
    void keepsTheProviderCredentialKeysWhenTheReleaseIsUninstalled() {
        Manifest keys = HelmChart.render(ValueSet.INLINE_SECRETS).ofKind("Secret")
                .filter(secret -> secret.name().equals(HelmChart.FULLNAME + "-credentials-keys")).findFirst().orElseThrow();

        assertThat(Tree.map(keys.body(), "metadata", "annotations")).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(Tree.map(keys.body(), "data")).containsOnlyKeys("k1", "k2");
    }

    @Test
    void refusesAnActiveCredentialsKeyThatIsNotConfigured() {
        assertThatThrownBy(() -> HelmChart.template(ValueSet.INLINE_SECRETS,
                Map.of("providerCredentials.activeKeyId", "k3")))
                .hasMessageContaining("providerCredentials.activeKeyId \"k3\" is not among the configured keys");
    }

    @Test
    void storesNoProviderCredentialsKeyUnlessOneIsConfigured() {
        Manifest registry = HelmChart.render(ValueSet.DEFAULTS).deployment("model-registry-service");
        Map<String, Object> config = HelmChart.render(ValueSet.DEFAULTS).ofKind("ConfigMap")
                .filter(configMap -> configMap.component().equals("model-registry-service")).findFirst().orElseThrow()
                .body();

        assertThat(Tree.map(config, "data")).doesNotContainKey("SIGNALBOX_CREDENTIALS_ACTIVE_KEY");
        assertThat(Tree.maps(registry.containers().getFirst(), "env")).noneMatch(entry -> String
                .valueOf(entry.get("name")).startsWith("SIGNALBOX_CREDENTIALS_KEYS_"));
    }

    private static List<String> secretValues(RenderedChart chart) {
        List<String> values = new ArrayList<>();
        chart.ofKind("Secret").forEach(secret -> Tree.map(secret.body(), "data").values().forEach(value -> values
                .add(new String(Base64.getDecoder().decode(value.toString()), StandardCharsets.UTF_8))));
        return values;
    }

    private static List<Map<String, Object>> secretKeyRefs(RenderedChart chart) {
        List<Map<String, Object>> references = new ArrayList<>();
        for (Manifest workload : chart.workloads()) {
            for (Map<String, Object> container : workload.containers()) {
                Tree.maps(container, "env").stream().map(entry -> Tree.map(entry, "valueFrom", "secretKeyRef"))
                        .filter(reference -> !reference.isEmpty()).forEach(references::add);
            }
        }
        return references;
    }
}
