package io.signalbox.telemetry.window;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.infra.MutableClock;
import io.signalbox.telemetry.UsageEventBuilder;
import io.signalbox.telemetry.catalog.ModelDirectory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** What each usage event counts as, in which series: client requests versus upstream calls. */
class UsageWindowsTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:30Z");

    private final MutableClock clock = new MutableClock(NOW.minusSeconds(600));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ModelDirectory directory = new ModelDirectory() {
        @Override
        public @Nullable String providerOf(String modelId) {
            return "model-gpt".equals(modelId) ? "provider-openai" : null;
        }
    };

    private final UsageWindows windows = new UsageWindows(new WindowProperties(new WindowProperties.MaxSeries(3, 3, 3,
            3, 3)), directory, clock, registry);

    UsageWindowsTests() {
        clock.set(NOW);
    }

    @Test
    void aFailoverCountsTheFailedCallAgainstTheEndpointThatFailedAndTheRequestAsASuccess() {
        windows.record(event().endpoint("pool-1", "ep-2").streamed(900)
                .attempts("model-llama", "ep-1", "http_error", 503, 40, "model-llama", "ep-1", "connect_error", null, 3,
                        "model-llama", "ep-2", "success", 200, 700)
                .build());

        WindowStats failed = stats(Dimension.ENDPOINT, "ep-1");
        assertThat(failed.requests()).isEqualTo(2);
        assertThat(failed.errorsByClass()).containsEntry("upstream_503", 1L).containsEntry("connect_error", 1L);
        WindowStats answered = stats(Dimension.ENDPOINT, "ep-2");
        assertThat(answered.errors()).isZero();
        assertThat(answered.latencyMs().max()).as("the call's own duration").isCloseTo(700, withinPercentage(1));
        assertThat(answered.ttftMs()).as("the event's TTFT includes the failed calls").isNull();
        assertThat(stats(Dimension.MODEL, "model-llama").requests()).isEqualTo(3);
        assertThat(stats(Dimension.TENANT, "tenant-a").requests()).isEqualTo(1);
        assertThat(stats(Dimension.TENANT, "tenant-a").errors()).isZero();
        assertThat(stats(Dimension.TENANT, "tenant-a").latencyMs().max()).isEqualTo(250);
    }

    @Test
    void aFallbackToAnotherModelBlamesTheFirstModelsProviderFoundInTheCatalog() {
        windows.record(event().attempts("model-gpt", null, "timeout", null, 30_000, "model-llama", "ep-1", "success",
                200, 250).build());

        assertThat(stats(Dimension.MODEL, "model-gpt").errorsByClass()).containsEntry("timeout", 1L);
        assertThat(windows.series(Dimension.MODEL, "model-gpt").orElseThrow().labels().providerHosted()).isTrue();
        assertThat(stats(Dimension.PROVIDER, "provider-openai").errors()).isEqualTo(1);
        assertThat(stats(Dimension.PROVIDER, "provider-local").errors()).isZero();
    }

    @Test
    void attemptsThatNeverLeftTheGatewayAreNoCalls() {
        windows.record(event().endpoint("pool-1", "ep-2").attempts("model-llama", "ep-1", "circuit_open", null, 0,
                "model-llama", "ep-2",
                "success", 200, 250).build());

        assertThat(windows.series(Dimension.ENDPOINT, "ep-1")).isEmpty();
        assertThat(stats(Dimension.ENDPOINT, "ep-2").requests()).isEqualTo(1);
    }

    @Test
    void aClientErrorFromTheUpstreamIsTheClientsProblemNotTheEndpoints() {
        windows.record(event().endpoint("pool-1", "ep-1").failed(400, "upstream_400").attempts("model-llama", "ep-1", "http_error", 400, 20)
                .build());
        windows.record(event().endpoint("pool-1", "ep-1").failed(200, "client_cancelled").interrupted()
                .attempts("model-llama", "ep-1", "interrupted", 200, 5_000).build());

        WindowStats endpoint = stats(Dimension.ENDPOINT, "ep-1");
        assertThat(endpoint.requests()).isEqualTo(2);
        assertThat(endpoint.errors()).isZero();
        assertThat(endpoint.latencyMs().samples()).as("a cancelled stream's duration says nothing").isEqualTo(1);
        WindowStats tenant = stats(Dimension.TENANT, "tenant-a");
        assertThat(tenant.errors()).as("the client saw two failed requests").isEqualTo(2);
    }

    @Test
    void mirroredCallsAreRealCallsButNotClientTraffic() {
        windows.record(event().requestId("req-1").build());
        windows.record(event().requestId("req-1-mirror").mirrorOf("req-1").model("model-big", "big")
                .endpoint("pool-2", "ep-9").failed(502, "upstream_502").build());

        assertThat(stats(Dimension.ENDPOINT, "ep-9").errors()).isEqualTo(1);
        assertThat(stats(Dimension.MODEL, "model-big").requests()).isEqualTo(1);
        assertThat(stats(Dimension.TENANT, "tenant-a").requests()).isEqualTo(1);
        assertThat(stats(Dimension.TENANT, "tenant-a").errors()).isZero();
        assertThat(stats(Dimension.ROUTE, "auto").requests()).isEqualTo(1);
    }

    @Test
    void requestsThatNamedAModelCountUnderTheDirectRouteAndNeverRoutedOnesOnlyAsClientTraffic() {
        windows.record(event().route(null, "static").build());
        windows.record(event().route(null, null).model(null, null).endpoint(null, null).provider(null)
                .failed(404, "model_not_found").build());

        assertThat(stats(Dimension.ROUTE, UsageWindows.DIRECT).requests()).isEqualTo(2);
        assertThat(stats(Dimension.ROUTE, UsageWindows.DIRECT).errorsByClass()).containsEntry("model_not_found", 1L);
        assertThat(stats(Dimension.MODEL, "model-llama").requests()).isEqualTo(1);
    }

    @Test
    void keysBeyondTheCapAreCountedTogetherUnderOther() {
        for (int i = 1; i <= 5; i++) {
            windows.record(event().tenant("tenant-" + i, null).build());
        }

        assertThat(windows.series(Dimension.TENANT)).extracting(WindowSeries::key)
                .containsExactlyInAnyOrder("tenant-1", "tenant-2", "tenant-3", SeriesTable.OVERFLOW);
        assertThat(stats(Dimension.TENANT, SeriesTable.OVERFLOW).requests()).isEqualTo(2);
        assertThat(registry.get("signalbox.telemetry.window.overflow").tag("dimension", "tenants").counter().count())
                .isEqualTo(2);
    }

    @Test
    void anIdleSeriesIsDroppedAfterAnHourAndFreesItsPlace() {
        windows.record(event().tenant("tenant-old", null).build());
        clock.advance(Duration.ofMinutes(30));
        windows.record(event().tenant("tenant-new", null).completedAt(clock.instant()).build());

        clock.advance(Duration.ofMinutes(35));
        windows.retireIdleSeries();

        assertThat(windows.series(Dimension.TENANT)).extracting(WindowSeries::key).containsExactly("tenant-new");
        windows.record(event().tenant("tenant-old", null).completedAt(clock.instant()).build());
        assertThat(stats(Dimension.TENANT, "tenant-old").requests()).as("a fresh series").isEqualTo(1);
    }

    @Test
    void anEventThatFinishedBeforeTheHourCountsNowhereButInTheLateCounter() {
        windows.record(event().completedAt(NOW.minus(Duration.ofMinutes(61))).build());

        assertThat(windows.series(Dimension.TENANT)).isEmpty();
        assertThat(registry.get("signalbox.telemetry.window.late.events").counter().count()).isEqualTo(1);
    }

    private WindowStats stats(Dimension dimension, String key) {
        return windows.stats(windows.series(dimension, key).orElseThrow(), Window.FIVE_MINUTES);
    }

    private UsageEventBuilder event() {
        return usage().completedAt(clock.instant());
    }
}
