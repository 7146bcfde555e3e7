package io.signalbox.deploy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json turns a mistyped or unsafe value into an install error that names it. */
class HelmChartValuesSchemaTests {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            gateway.replicaCount                            | -1           | /gateway/replicaCount
            exposure.mode                                   | loadbalancer | /exposure/mode
            podAntiAffinity                                 | sometimes    | /podAntiAffinity
            kafka.securityProtocol                          | SASL         | /kafka/securityProtocol
            kafka.topics.replicationFactor                  | 0            | /kafka/topics/replicationFactor
            telemetry.replicaCount                          | 2            | /telemetry/replicaCount
            auth.adminToken                                 | too-short    | /auth/adminToken
            providerCredentials.activeKeyId                 | Primary_Key  | /providerCredentials/activeKeyId
            postgresql.registry.url                         | postgres://db/registry | /postgresql/registry/url
            containerSecurityContext.readOnlyRootFilesystem | false        | /containerSecurityContext/readOnlyRootFilesystem
            containerSecurityContext.runAsNonRoot           | false        | /containerSecurityContext/runAsNonRoot
            observability.tracing.samplingProbability       | 2            | /observability/tracing/samplingProbability
            gateway.replicas                                | 3            | /gateway
            """)
    void rejectsAnInvalidValueAndNamesIt(String key, String value, String path) {
        assertThatThrownBy(() -> HelmChart.template(ValueSet.DEFAULTS, Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(path);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            gateway.replicaCount            | 0
            telemetry.replicaCount          | 0
            exposure.mode                   | none
            auth.adminToken                 | exactly-16-chars
            providerCredentials.activeKeyId | k2026
            """)
    void acceptsTheBoundaryValues(String key, String value) {
        Map<String, Object> values = new HashMap<>(Map.of("auth.adminToken", "admin-token-of-some-length",
                "auth.internalToken", "internal-token-of-some-length"));
        values.put(key, value);

        assertThatCode(() -> HelmChart.template(ValueSet.DEFAULTS, values)).doesNotThrowAnyException();
    }
}
