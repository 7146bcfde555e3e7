package io.signalbox.telemetry.stats;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

class UsageMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final UsageMetrics metrics = new UsageMetrics(registry);

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
            completions,      text_completion
            embeddings,       embeddings
            images,           _OTHER
            """)
    void mapsGatewayOperationsToGenAiOperationNames(String operation, String expected) {
        assertThat(UsageMetrics.operationName(operation)).isEqualTo(expected);
    }
}
