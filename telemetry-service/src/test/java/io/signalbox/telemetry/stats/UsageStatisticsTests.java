package io.signalbox.telemetry.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

class UsageStatisticsTests {

    private final UsageStatistics statistics = new UsageStatistics();

    @Test
    void countsErrorsByTheirClassAndNamesUnclassifiedOnes() {
        statistics.record(usage().build());
        statistics.record(usage().failed(502, "upstream_502").build());
        statistics.record(usage().failed(502, "upstream_502").build());
        statistics.record(usage().failed(429, null).build());
        statistics.record(usage().interrupted().build());

        RequestSummary summary = statistics.models().get(0).summary();

        assertThat(summary.requests()).isEqualTo(5);
        assertThat(summary.errors()).isEqualTo(4);
        assertThat(summary.errorsByClass())
                .containsExactlyInAnyOrderEntriesOf(Map.of("upstream_502", 2L, "http_429", 1L, "interrupted", 1L));
    }

    @Test
    void sumsReportedTokensAndTreatsUnreportedAsZero() {
        statistics.record(usage().tokens(100, 20).build());
        statistics.record(usage().tokens(null, 5).build());
        statistics.record(usage().tokens(7, null).build());

        RequestSummary summary = statistics.models().get(0).summary();

        assertThat(summary.promptTokens()).isEqualTo(107);
        assertThat(summary.completionTokens()).isEqualTo(25);
    }

    @Test
    void timeToFirstTokenOnlyFromStreamsAndAbsentWithoutThem() {
        statistics.record(usage().model("model-a", "a").latency(900).build());
        statistics.record(usage().model("model-b", "b").latency(900).streamed(120).build());
        statistics.record(usage().model("model-b", "b").latency(1_100).build());

        ModelStatistics a = model("model-a");
        ModelStatistics b = model("model-b");

        assertThat(a.summary().ttftMs()).isNull();
        assertThat(b.summary().ttftMs()).isEqualTo(new Percentiles(120, 120, 120, 120, 120, 1));
        assertThat(b.summary().latencyMs().samples()).isEqualTo(2);
        assertThat(b.summary().latencyMs().max()).isEqualTo(1_100);
    }

    @Test
    void keepsEndpointsApartAndCountsProviderHostedRequestsForTheirModelOnly() {
        statistics.record(usage().endpoint("pool-1", "endpoint-1").build());
        statistics.record(usage().endpoint("pool-1", "endpoint-2").build());
        statistics.record(usage().endpoint("pool-1", "endpoint-2").build());
        statistics.record(usage().endpoint(null, null).build());

        assertThat(statistics.models()).singleElement()
                .satisfies(model -> assertThat(model.summary().requests()).isEqualTo(4));
        assertThat(statistics.endpoints())
                .extracting(e -> e.endpointId() + "=" + e.summary().requests() + "@" + e.poolId() + "/" + e.modelId())
                .containsExactly("endpoint-2=2@pool-1/model-llama", "endpoint-1=1@pool-1/model-llama");
    }

    @Test
    void requestsThatNeverReachedAModelStayVisible() {
        statistics.record(usage().model(null, null).endpoint(null, null).provider(null).failed(503, "no_route").build());

        assertThat(statistics.models()).singleElement().satisfies(model -> {
            assertThat(model.modelId()).isEqualTo("(none)");
            assertThat(model.summary().errorsByClass()).containsEntry("no_route", 1L);
        });
        assertThat(statistics.endpoints()).isEmpty();
    }

    @Test
    void listsTheBusiestModelFirstAndShowsItsLatestName() {
        statistics.record(usage().model("model-quiet", "quiet").build());
        statistics.record(usage().model("model-busy", "busy-v1").build());
        statistics.record(usage().model("model-busy", "busy-v2").build());

        assertThat(statistics.models()).extracting(m -> m.modelId() + ":" + m.modelName())
                .containsExactly("model-busy:busy-v2", "model-quiet:quiet");
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        statistics.record(usage().latency(i % 1_000).tokens(1, 2).failed(i % 10 == 0 ? 500 : 200,
                                i % 10 == 0 ? "upstream_500" : null).build());
                        statistics.models();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }

        RequestSummary summary = statistics.models().get(0).summary();
        assertThat(summary.requests()).isEqualTo(threads * perThread);
        assertThat(summary.latencyMs().samples()).isEqualTo(threads * perThread);
        assertThat(summary.errors()).isEqualTo(threads * perThread / 10);
        assertThat(summary.promptTokens()).isEqualTo(threads * perThread);
        assertThat(summary.completionTokens()).isEqualTo(2L * threads * perThread);
    }

    private ModelStatistics model(String modelId) {
        return statistics.models().stream().filter(m -> m.modelId().equals(modelId)).findFirst().orElseThrow();
    }
}
