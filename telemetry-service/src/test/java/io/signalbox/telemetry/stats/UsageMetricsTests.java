package io.signalbox.telemetry.stats;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.telemetry.catalog.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

class UsageMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final UsageMetrics metrics = new UsageMetrics(registry, ModelDirectory.EMPTY);

    @Test
    void countsRequestsAndErrorsByModelEndpointProviderAndStatusClass() {
        metrics.record(usage().build());
        metrics.record(usage().build());
        metrics.record(usage().failed(502, "upstream_502").build());

        assertThat(registry.get("signalbox.requests").tags("model", "llama-test", "endpoint", "endpoint-1",
                "provider", "provider-local", "status_class", "2xx").counter().count()).isEqualTo(2);
        assertThat(registry.get("signalbox.requests").tag("status_class", "5xx").counter().count()).isEqualTo(1);
        assertThat(registry.get("signalbox.request.errors").tags("error_class", "upstream_502", "status_class", "5xx")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void countsOnlyReportedTokensByType() {
        metrics.record(usage().tokens(100, 20, 40).build());
        metrics.record(usage().tokens(null, 5).build());

        assertThat(registry.get("signalbox.tokens").tag("type", "prompt").counter().count()).isEqualTo(100);
        assertThat(registry.get("signalbox.tokens").tag("type", "completion").counter().count()).isEqualTo(25);
        assertThat(registry.get("signalbox.tokens").tag("type", "cached_prompt").counter().count()).isEqualTo(40);
        DistributionSummary input = registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary();
        assertThat(input.count()).as("the unreported prompt is not a zero-token request").isEqualTo(1);
        assertThat(input.totalAmount()).isEqualTo(100);
    }

    @Test
    void recordsDurationsUnderTheGenAiConventionNames() {
        metrics.record(usage().latency(1_500).streamed(300).requestedModel("fast").build());
        metrics.record(usage().latency(500).failed(504, "timeout").build());

        Timer ok = registry.get("gen_ai.client.operation.duration").tags("gen_ai.operation.name", "chat",
                "gen_ai.request.model", "fast", "gen_ai.response.model", "llama-test",
                "gen_ai.provider.name", "provider-local", "error.type", "").timer();
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "timeout").timer().count())
                .isEqualTo(1);
        Timer ttft = registry.get("gen_ai.client.operation.time_to_first_chunk").timer();
        assertThat(ttft.count()).as("only streamed requests have a first chunk").isEqualTo(1);
        assertThat(ttft.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
    }

    @Test
    void neverTagsWithAModelNameThatDidNotResolve() {
        metrics.record(usage().requestedModel("typo-model-9000").model(null, null).endpoint(null, null).provider(null)
                .failed(404, "model_not_found").build());

        assertThat(registry.get("gen_ai.client.operation.duration").tags("gen_ai.request.model", "_OTHER",
                "gen_ai.response.model", "none", "signalbox.endpoint", "none").timer().count()).isEqualTo(1);
        assertThat(registry.find("gen_ai.client.operation.duration").tag("gen_ai.request.model", "typo-model-9000")
                .timer()).isNull();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            chat.completions, chat
            messages,         chat
            completions,      text_completion
            embeddings,       embeddings
            images,           _OTHER
            """)
    void mapsGatewayOperationsToGenAiOperationNames(String operation, String expected) {
        assertThat(UsageMetrics.operationName(operation)).isEqualTo(expected);
    }

    @Test
    void countsTokensAndExactMicroUnitsOfCostPerTeamApartForShadowTraffic() {
        metrics.record(usage().tenant("tenant-1", "team-1").tokens(100, 20).cost("0.000123").build());
        metrics.record(usage().tenant("tenant-1", "team-1").tokens(100, 20).cost("0.100001").build());
        metrics.record(usage().tenant("tenant-1", "team-1").tokens(7, 3).cost("0.000002").mirrorOf("req-1").build());

        assertThat(registry.get("signalbox.team.tokens").tags("tenant", "tenant-1", "team", "team-1", "traffic",
                "client", "type", "prompt").counter().count()).isEqualTo(200);
        assertThat(registry.get("signalbox.team.cost.micros").tags("team", "team-1", "traffic", "client", "currency",
                "USD").counter().count()).isEqualTo(100_124);
        assertThat(registry.get("signalbox.team.tokens").tags("traffic", "shadow", "type", "completion").counter()
                .count()).isEqualTo(3);
    }

    @Test
    void countsRoutedClientRequestsAsDecisionsByRoutePolicyAndTier() {
        UsageMetrics withTiers = new UsageMetrics(registry, new ModelDirectory() {
            @Override
            public String tierOf(String routeAlias, String modelId) {
                return "adaptive".equals(routeAlias) ? "economy" : null;
            }
        });

        withTiers.record(usage().route("adaptive", "complexity").build());
        withTiers.record(usage().route("adaptive", "complexity").mirrorOf("req-1").build());
        withTiers.record(usage().route(null, "static").build());
        withTiers.record(usage().route(null, null).model(null, null).failed(404, "model_not_found").build());

        assertThat(registry.get("signalbox.routing.decisions").tags("route", "adaptive", "policy", "complexity", "tier",
                "economy", "model", "llama-test").counter().count()).as("the mirror is no decision").isEqualTo(1);
        assertThat(registry.get("signalbox.routing.decisions").tags("route", "(direct)", "tier", "none").counter()
                .count()).isEqualTo(1);
        assertThat(registry.find("signalbox.routing.decisions").counters()).hasSize(2);
    }

    @Test
    void durationsUseTheBucketBoundariesTheGenAiConventionsAdvise() {
        metrics.record(usage().latency(300).build());

        Timer timer = registry.get("gen_ai.client.operation.duration").timer();
        assertThat(timer.takeSnapshot().histogramCounts()).extracting(bucket -> bucket.bucket(TimeUnit.MILLISECONDS))
                .containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 320.0, 640.0, 1280.0, 2560.0, 5120.0, 10240.0, 20480.0,
                        40960.0, 81920.0);
    }
}
