package io.signalbox.telemetry.alert;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.feedback.FeedbackRecorded;
import io.signalbox.infra.MutableClock;
import io.signalbox.telemetry.UsageEventBuilder;
import io.signalbox.telemetry.WebhookReceiver;
import io.signalbox.telemetry.catalog.ModelDirectory;
import io.signalbox.telemetry.quality.FeedbackLedger;
import io.signalbox.telemetry.quality.QualityProperties;
import io.signalbox.telemetry.window.UsageWindows;
import io.signalbox.telemetry.window.WindowProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts end to end against a real local HTTP server playing the webhook: one firing and one resolved notice per
 * episode, retries with back-off, and no retry where retrying cannot help.
 */
class AlertWebhookTests {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final UsageWindows windows = new UsageWindows(new WindowProperties(new WindowProperties.MaxSeries(50, 50,
            50, 50, 50)), ModelDirectory.EMPTY, clock, registry);

    private final QualityProperties quality = new QualityProperties(1000, 1000, Duration.ofDays(7),
            new QualityProperties.Sampling(0.05, Map.of(), 100),
            new QualityProperties.Alert("economy", "premium", 0.85, Duration.ofHours(24), 30, false));

    private final FeedbackLedger ledger = new FeedbackLedger(quality, clock);

    private final WebhookReceiver webhook = WebhookReceiver.start();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    private WebhookNotifier notifier = notifier(URI.create(webhook.url()));

    private AlertEvaluator evaluator = evaluator();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        webhook.close();
    }

    @Test
    void anErrorRateEpisodeSendsOneFiringNoticeAndOneResolvedNotice() {
        calls("ep-1", 30, 10);

        evaluator.evaluate();
        evaluator.evaluate();
        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> webhook.delivered().size() >= 2);
        List<JsonNode> firing = webhook.delivered();
        assertThat(firing).extracting(notice -> notice.get("kind").asString() + " " + notice.get("subject").get("kind")
                .asString()).containsExactlyInAnyOrder("error-rate endpoint", "error-rate provider");
        JsonNode endpoint = firing.stream().filter(n -> n.get("subject").get("kind").asString().equals("endpoint"))
                .findFirst().orElseThrow();
        assertThat(endpoint.get("type").asString()).isEqualTo("signalbox.alert.firing");
        assertThat(endpoint.get("subject").get("id").asString()).isEqualTo("ep-1");
        assertThat(endpoint.get("subject").get("modelId").asString()).isEqualTo("model-llama");
        assertThat(endpoint.get("value").asDouble()).isEqualTo(10 / 30.0);
        assertThat(endpoint.get("threshold").asDouble()).isEqualTo(0.2);
        assertThat(endpoint.get("summary").asString()).isEqualTo("error rate 33% over 30 calls in 5m (limit 20%)");
        assertThat(evaluator.firing()).hasSize(2);
        assertThat(notifier.recent()).as("three evaluations, one notice per episode").hasSize(2);
        assertThat(webhook.received()).allSatisfy(request -> {
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.alertId()).isEqualTo(request.body().get("alertId").asString());
            assertThat(request.noticeId()).isEqualTo(request.body().get("noticeId").asString());
        });

        clock.advance(Duration.ofMinutes(6));
        calls("ep-1", 30, 0);
        evaluator.evaluate();
        assertThat(notifier.recent()).as("one clear evaluation is not yet a recovery").hasSize(2);
        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> webhook.delivered().size() == 4);
        JsonNode resolved = webhook.delivered().stream().skip(2)
                .filter(n -> n.get("subject").get("kind").asString().equals("endpoint")).findFirst().orElseThrow();
        assertThat(resolved.get("type").asString()).isEqualTo("signalbox.alert.resolved");
        assertThat(resolved.get("alertId").asString()).isEqualTo(endpoint.get("alertId").asString());
        assertThat(resolved.get("noticeId").asString()).isNotEqualTo(endpoint.get("noticeId").asString());
        assertThat(resolved.get("resolvedAt").asString()).isEqualTo(clock.instant().toString());
        assertThat(evaluator.firing()).isEmpty();
        assertThat(registry.get("signalbox.alerts.firing").tag("kind", "error-rate").gauge().value()).isZero();
    }

    @Test
    void aSubjectThatStopsGettingTrafficResolvesItsEpisode() {
        calls("ep-1", 30, 30);
        evaluator.evaluate();

        clock.advance(Duration.ofMinutes(70));
        windows.retireIdleSeries();
        evaluator.evaluate();
        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> webhook.delivered().size() == 4);
        // notices of one alert are delivered in order; two alerts' deliveries may interleave
        Map<String, List<String>> byAlert = webhook.delivered().stream().collect(Collectors.groupingBy(
                n -> n.get("alertId").asString(), LinkedHashMap::new,
                Collectors.mapping(n -> n.get("status").asString(), Collectors.toList())));
        assertThat(byAlert).hasSize(2).allSatisfy((alertId, statuses) -> assertThat(statuses).as(alertId)
                .containsExactly("firing", "resolved"));
    }

    @Test
    void aLatencyAnomalyFiresOnTheEndpointAndItsProvider() {
        Instant start = clock.instant();
        for (int minute = 0; minute < 50; minute++) {
            clock.set(start.plus(Duration.ofMinutes(minute)));
            for (int i = 0; i < 40; i++) {
                windows.record(event("ep-1").latency(200).build());
            }
        }
        clock.set(start.plus(Duration.ofMinutes(55)));
        for (int i = 0; i < 60; i++) {
            windows.record(event("ep-1").latency(5_000).build());
        }

        evaluator.evaluate();

        assertThat(evaluator.firing()).extracting(n -> n.kind() + " " + n.subject().kind())
                .containsExactlyInAnyOrder("latency endpoint", "latency provider");
        AlertNotice endpoint = evaluator.firing().stream().filter(n -> n.subject().kind().equals("endpoint"))
                .findFirst().orElseThrow();
        assertThat(endpoint.value()).isGreaterThanOrEqualTo(5_000);
        assertThat(endpoint.summary()).startsWith("p95 latency 50").contains("the last hour's");
    }

    @Test
    void aWebhookThatFailsIsRetriedWithBackOffUntilItTakesTheNotice() {
        webhook.answerNext(503, 500);
        calls("ep-1", 30, 30);

        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> webhook.delivered().size() == 2);
        List<WebhookReceiver.Received> all = webhook.received();
        assertThat(all).hasSize(4);
        assertThat(all).extracting(WebhookReceiver.Received::noticeId).as("the same notices, again").hasSize(4)
                .containsOnly(notifier.recent().get(0).notice().noticeId(), notifier.recent().get(1).notice().noticeId());
        await().atMost(DELIVERY).until(() -> notifier.recent().stream().allMatch(d -> d.state().equals("delivered")));
        assertThat(notifier.recent()).flatExtracting(Delivery.View::attempts).extracting(Delivery.Attempt::outcome)
                .containsExactlyInAnyOrder("retry", "retry", "delivered", "delivered");
        assertThat(notifier.backoff(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(notifier.backoff(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(notifier.backoff(5)).as("capped").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aWebhookThatRefusesTheNoticeIsNotRetried() {
        webhook.answerNext(400, 400);
        calls("ep-1", 30, 30);

        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> notifier.recent().stream().allMatch(d -> d.state().equals("failed")));
        assertThat(webhook.received()).hasSize(2);
        assertThat(notifier.recent()).flatExtracting(Delivery.View::attempts).extracting(Delivery.Attempt::statusCode)
                .containsExactly(400, 400);
    }

    @Test
    void anUnreachableWebhookIsTriedMaxAttemptsTimes() {
        String closed = webhook.url();
        webhook.close();
        notifier = notifier(URI.create(closed));
        evaluator = evaluator();
        calls("ep-1", 30, 30);

        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> notifier.recent().stream().allMatch(d -> d.state().equals("failed")));
        assertThat(notifier.recent()).allSatisfy(delivery -> {
            assertThat(delivery.attempts()).hasSize(3);
            assertThat(delivery.attempts().getFirst().statusCode()).isNull();
            assertThat(delivery.attempts().getFirst().error()).contains("ConnectException");
        });
    }

    @Test
    void withoutAWebhookNoticesAreKeptAsNotConfigured() {
        notifier = notifier(null);
        evaluator = evaluator();
        calls("ep-1", 30, 30);

        evaluator.evaluate();

        assertThat(notifier.recent()).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery.state()).isEqualTo("not-configured");
            assertThat(delivery.attempts()).isEmpty();
        });
    }

    @Test
    void theCheaperTierFallingBelowItsShareOfThePremiumTiersQualityFiresTheQualityAlert() {
        scores("premium", 30, 0.9);
        scores("economy", 29, 0.6);

        evaluator.evaluate();
        assertThat(evaluator.firing()).as("29 economy scores are too few to compare").isEmpty();

        scores("economy", 1, 0.6);
        evaluator.evaluate();

        await().atMost(DELIVERY).until(() -> webhook.delivered().size() == 1);
        JsonNode notice = webhook.delivered().getFirst();
        assertThat(notice.get("kind").asString()).isEqualTo("quality");
        assertThat(notice.get("subject").get("id").asString()).isEqualTo("economy/premium");
        assertThat(notice.get("value").asDouble()).isCloseTo(0.6 / 0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(notice.get("summary").asString())
                .isEqualTo("economy quality 0.60 is 67% of premium quality 0.90 over 24h (limit 85%; 30 and 30 scores)");
    }

    private void calls(String endpointId, int count, int failed) {
        for (int i = 0; i < count; i++) {
            UsageEventBuilder event = event(endpointId);
            windows.record((i < failed ? event.failed(503, "upstream_503") : event).build());
        }
    }

    private UsageEventBuilder event(String endpointId) {
        return usage().endpoint("pool-1", endpointId).completedAt(clock.instant());
    }

    private void scores(String tier, int count, double score) {
        for (int i = 0; i < count; i++) {
            ledger.apply(new FeedbackRecorded(1, UUID.randomUUID(), "req-" + UUID.randomUUID(), score, null, "tenant-a",
                    null, null, "adaptive", "complexity", "model-" + tier, tier + "-model", "provider-local", tier,
                    false, clock.instant().minusSeconds(60), clock.instant()));
        }
    }

    private WebhookNotifier notifier(@Nullable URI url) {
        return new WebhookNotifier(url, new AlertProperties.Delivery(3, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofSeconds(5)), 100, scheduler, clock, registry);
    }

    private AlertEvaluator evaluator() {
        AlertProperties properties = new AlertProperties(true, null, Duration.ofSeconds(15), "5m", 2, 0.2, 20, 3.0,
                50, 200, 1000, new AlertProperties.Delivery(3, Duration.ofMillis(20), Duration.ofMillis(100),
                        Duration.ofSeconds(5)), 100);
        return new AlertEvaluator(windows, ledger, quality, properties, notifier, clock, registry);
    }
}
