package io.signalbox.telemetry.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.feedback.FeedbackRecorded;
import io.signalbox.infra.MutableClock;
import io.signalbox.telemetry.catalog.ModelDirectory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/** Sampling per tier, idempotent feedback, hourly quality buckets and the tier comparison, without servers. */
class QualityLoopTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:30:00Z"));

    private final QualityProperties properties = new QualityProperties(1000, 1000, Duration.ofHours(48),
            new QualityProperties.Sampling(0.0, Map.of("premium", 1.0, "economy", 0.25), 3),
            new QualityProperties.Alert("economy", "premium", 0.85, Duration.ofHours(24), 2, false));

    private final ModelDirectory tiers = new ModelDirectory() {
        @Override
        public @Nullable String tierOf(@Nullable String routeAlias, String modelId) {
            return switch (modelId) {
                case "model-large" -> "premium";
                case "model-small" -> "economy";
                default -> null;
            };
        }
    };

    private final RoutedRequests requests = new RoutedRequests(properties, tiers, new SimpleMeterRegistry());

    private final FeedbackLedger ledger = new FeedbackLedger(properties, clock);

    private final List<FeedbackRecorded> published = new ArrayList<>();

    private final FeedbackService service = new FeedbackService(ledger, requests, published::add, clock);

    @Test
    void eachTierIsSampledAtItsShareByAStableHashAndOnlyTheNewestSamplesAreKept() {
        int economySampled = 0;
        for (int i = 0; i < 4_000; i++) {
            String id = "req-" + i;
            requests.record(usage().requestId(id).model("model-small", "small").build());
            economySampled += RoutedRequests.sampled(id, 0.25) ? 1 : 0;
        }
        for (int i = 0; i < 5; i++) {
            requests.record(usage().requestId("big-" + i).model("model-large", "large")
                    .completedAt(clock.instant().plusSeconds(i)).build());
        }
        requests.record(usage().requestId("failed").model("model-large", "large").failed(503, "upstream_503").build());
        requests.record(usage().requestId("shadow").model("model-large", "large").mirrorOf("big-0").build());

        assertThat(economySampled).as("a quarter, within sampling noise").isBetween(880, 1120);
        assertThat(requests.samples("premium", null, 100)).extracting(RoutedRequest::requestId)
                .as("newest first, three kept").containsExactly("big-4", "big-3", "big-2");
        assertThat(requests.samples("economy", null, 100)).hasSize(3);
        assertThat(requests.find("failed")).as("a failed request has nothing to score").isEmpty();
        assertThat(requests.find("shadow")).as("the client never saw a mirrored call").isEmpty();
        assertThat(RoutedRequests.sampled("req-7", 0.25)).isEqualTo(RoutedRequests.sampled("req-7", 0.25));
    }

    /**
     * Every usage event is parsed into new strings; the 100,000 remembered requests share one copy of each value
     * they repeat instead of holding their own (which made them most of telemetry-service's heap).
     */
    @Test
    void rememberedRequestsShareOneCopyOfTheValuesTheyRepeat() {
        for (String id : List.of("copy-1", "copy-2")) {
            requests.record(usage().requestId(id).tenant(fresh("tenant-shared"), fresh("team-shared"))
                    .route(fresh("route-shared"), fresh("weighted")).model(fresh("model-small"), fresh("small"))
                    .provider(fresh("provider-shared")).build());
        }

        RoutedRequest first = requests.find("copy-1").orElseThrow();
        RoutedRequest second = requests.find("copy-2").orElseThrow();
        assertThat(second.tenantId()).isEqualTo("tenant-shared").isSameAs(first.tenantId());
        assertThat(second.teamId()).isSameAs(first.teamId());
        assertThat(second.routeAlias()).isSameAs(first.routeAlias());
        assertThat(second.policy()).isSameAs(first.policy());
        assertThat(second.modelId()).isSameAs(first.modelId());
        assertThat(second.modelName()).isSameAs(first.modelName());
        assertThat(second.providerId()).isSameAs(first.providerId());
        assertThat(second.group()).isEqualTo("economy").isSameAs(first.group());
    }

    /** A string equal to {@code value} but not the same instance, as a JSON parser produces. */
    private static String fresh(String value) {
        return new String(value.toCharArray());
    }

    @Test
    void feedbackIsIdempotentPerRequestAndAConflictingScoreIsRefused() {
        requests.record(usage().requestId("req-1").model("model-large", "large").route("adaptive", "complexity")
                .build());

        FeedbackService.Accepted first = service.submit("req-1", 0.8, "good");
        FeedbackService.Accepted again = service.submit("req-1", 0.8, "good");

        assertThat(first.created()).isTrue();
        assertThat(first.feedback().tier()).isEqualTo("premium");
        assertThat(first.feedback().sampled()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.feedback()).isEqualTo(first.feedback());
        assertThat(published).as("published once").hasSize(1);
        assertThatExceptionOfType(FeedbackConflictException.class).isThrownBy(() -> service.submit("req-1", 0.2, null));
        assertThatExceptionOfType(UnknownRequestException.class).isThrownBy(() -> service.submit("req-9", 0.2, null));
        assertThat(ledger.apply(first.feedback())).as("read back from the topic").isEqualTo(FeedbackLedger.Outcome.SAME);
    }

    @Test
    void feedbackThatTheTopicDidNotTakeIsNotCounted() {
        requests.record(usage().requestId("req-1").model("model-large", "large").build());
        FeedbackService failing = new FeedbackService(ledger, requests, feedback -> {
            throw new FeedbackUnavailableException("down", new IllegalStateException());
        }, clock);

        assertThatExceptionOfType(FeedbackUnavailableException.class).isThrownBy(() -> failing.submit("req-1", 1, null));
        assertThat(ledger.find("req-1")).isEmpty();
        assertThat(service.submit("req-1", 1, null).created()).as("a retry succeeds").isTrue();
    }

    @Test
    void scoresArePlacedInTheHourTheRequestStartedAndExpireAfterTheRetention() {
        score("premium", 0.9, clock.instant().minus(Duration.ofMinutes(40)), false);
        score("premium", 0.7, clock.instant().minus(Duration.ofMinutes(10)), true);
        score("premium", 0.1, clock.instant().minus(Duration.ofHours(49)), false);

        Map<String, List<QualityHistory.Bucket>> series = ledger.series(true, 3);

        assertThat(series.get("premium")).extracting(QualityHistory.Bucket::count).containsExactly(0L, 1L, 1L);
        QualityHistory.Bucket total = ledger.total("premium", 48);
        assertThat(total.count()).as("older than the 48 h retention: dropped").isEqualTo(2);
        assertThat(total.mean()).isCloseTo(0.8, within(1e-9));
        assertThat(total.sampledMean()).isCloseTo(0.7, within(1e-9));
        clock.advance(Duration.ofHours(48));
        assertThat(ledger.total("premium", 48).count()).isZero();
    }

    @Test
    void theComparisonNeedsEnoughScoresInBothTiersAndFlagsTheCheaperTierBelowItsShare() {
        score("premium", 0.9, clock.instant(), false);
        score("economy", 0.5, clock.instant(), false);
        assertThat(TierComparison.of(ledger, properties.alert()).comparable()).isFalse();

        score("premium", 0.9, clock.instant(), false);
        score("economy", 0.9, clock.instant(), false);
        TierComparison comparison = TierComparison.of(ledger, properties.alert());

        assertThat(comparison.comparable()).isTrue();
        assertThat(comparison.ratio()).isCloseTo(0.7 / 0.9, within(1e-9));
        assertThat(comparison.below()).as("0.78 < 0.85").isTrue();
        TierComparison sampledOnly = TierComparison.of(ledger, new QualityProperties.Alert("economy", "premium", 0.85,
                Duration.ofHours(24), 2, true));
        assertThat(sampledOnly.comparable()).as("no sampled scores yet").isFalse();
    }

    private void score(String tier, double score, Instant requestStarted, boolean sampled) {
        ledger.apply(new FeedbackRecorded(1, UUID.randomUUID(), "req-" + UUID.randomUUID(), score, null, "tenant-a",
                null, null, "adaptive", "complexity", "model-" + tier, tier, "provider-local", tier, sampled,
                requestStarted, clock.instant()));
    }
}
