package io.signalbox.telemetry.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.infra.MutableClock;
import io.signalbox.telemetry.UsageEventBuilder;
import io.signalbox.telemetry.catalog.ModelDirectory;
import io.signalbox.telemetry.window.UsageWindows;
import io.signalbox.telemetry.window.WindowProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/** What the publisher sends for which target, and when it withdraws a target. */
class EndpointHealthPublisherTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final UsageWindows windows = new UsageWindows(new WindowProperties(new WindowProperties.MaxSeries(50, 2,
            50, 50, 50)), ModelDirectory.EMPTY, clock, registry);

    private final List<Sent> sent = new ArrayList<>();

    private final EndpointHealthPublisher publisher = publisher(true);

    @Test
    void aPoolEndpointIsReportedUnderItsEndpointKeyWithItsModelAndCallStatistics() {
        for (int i = 0; i < 4; i++) {
            windows.record(event().endpoint("pool-1", "ep-1").latency(100 + i * 10).streamed(50).build());
        }

        publisher.publish();

        EndpointHealth report = only("endpoint:ep-1");
        assertThat(report.modelId()).isEqualTo("model-llama");
        assertThat(report.endpointId()).isEqualTo("ep-1");
        assertThat(report.providerId()).isEqualTo("provider-local");
        assertThat(report.requests()).isEqualTo(4);
        assertThat(report.latencyP50Millis()).as("exact below 256 ms").isEqualTo(110.0);
        assertThat(report.ttftP50Millis()).isEqualTo(50.0);
        assertThat(report.windowEnd()).isEqualTo(clock.instant());
        assertThat(report.observedAt()).isEqualTo(clock.instant());
        assertThat(report.isUnhealthy()).isFalse();
        assertThat(sent).extracting(Sent::key).doesNotContain("model:model-llama");
    }

    @Test
    void aProviderHostedModelIsReportedUnderItsModelKey() {
        windows.record(event().endpoint(null, null).model("model-gpt", "gpt").provider("provider-openai").build());

        publisher.publish();

        EndpointHealth report = only("model:model-gpt");
        assertThat(report.endpointId()).isNull();
        assertThat(report.providerId()).isEqualTo("provider-openai");
    }

    @Test
    void failingCallsMakeTheTargetUnhealthyWithTheReasonAndItRecoversWhenTheyLeaveTheWindow() {
        for (int i = 0; i < 10; i++) {
            windows.record(event().endpoint("pool-1", "ep-1").failed(i < 6 ? 503 : 200, i < 6 ? "upstream_503" : null)
                    .build());
        }

        publisher.publish();

        EndpointHealth unhealthy = only("endpoint:ep-1");
        assertThat(unhealthy.isUnhealthy()).isTrue();
        assertThat(unhealthy.errors()).isEqualTo(6);
        assertThat(unhealthy.unhealthyReason()).isEqualTo("error rate 60% over 10 calls in 1m (limit 50%)");
        assertThat(publisher.current()).singleElement().satisfies(report -> assertThat(report.health()).isEqualTo(
                unhealthy));
        assertThat(registry.get("signalbox.endpoint.health.unhealthy").tags("target", "endpoint:ep-1", "model",
                "llama-test", "provider", "provider-local").gauge().value()).isEqualTo(1);

        sent.clear();
        clock.advance(Duration.ofSeconds(70));
        windows.record(event().endpoint("pool-1", "ep-1").build());
        publisher.publish();

        EndpointHealth recovered = only("endpoint:ep-1");
        assertThat(recovered.isUnhealthy()).isFalse();
        assertThat(registry.get("signalbox.endpoint.health.unhealthy").tag("target", "endpoint:ep-1").gauge().value())
                .isZero();
        assertThat(recovered.requests()).isEqualTo(1);
    }

    @Test
    void aTargetThatWentQuietGetsOneTombstoneAndIsNoLongerPublished() {
        windows.record(event().endpoint("pool-1", "ep-1").build());
        publisher.publish();
        assertThat(only("endpoint:ep-1")).isNotNull();

        sent.clear();
        clock.advance(Duration.ofMinutes(4));
        publisher.publish();
        assertThat(only("endpoint:ep-1").requests()).as("still active, now with an empty window").isZero();

        sent.clear();
        clock.advance(Duration.ofMinutes(2));
        publisher.publish();
        publisher.publish();
        assertThat(sent).containsExactly(new Sent("endpoint:ep-1", null));
        assertThat(publisher.current()).isEmpty();
    }

    @Test
    void theOverflowSeriesIsNoTargetAndADisabledPublisherSendsNothing() {
        for (int i = 1; i <= 3; i++) {
            windows.record(event().endpoint("pool-1", "ep-" + i).build());
        }

        publisher.publish();
        publisher(false).publish();

        assertThat(sent).extracting(Sent::key).containsExactlyInAnyOrder("endpoint:ep-1", "endpoint:ep-2");
    }

    private EndpointHealthPublisher publisher(boolean enabled) {
        HealthProperties properties = new HealthProperties(enabled, Duration.ofSeconds(5), "1m", Duration.ofMinutes(5),
                0.5, 10, 3.0, 20, 100, 1000);
        return new EndpointHealthPublisher(windows, properties, (key, report) -> sent.add(new Sent(key, report)),
                registry);
    }

    private EndpointHealth only(String key) {
        List<Sent> found = sent.stream().filter(s -> s.key().equals(key)).toList();
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().report()).isNotNull();
        return found.getFirst().report();
    }

    private UsageEventBuilder event() {
        return usage().completedAt(clock.instant());
    }

    private record Sent(String key, @Nullable EndpointHealth report) {
    }
}
