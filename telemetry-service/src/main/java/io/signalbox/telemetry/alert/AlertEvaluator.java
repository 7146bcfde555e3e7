package io.signalbox.telemetry.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.telemetry.health.AnomalyRule;
import io.signalbox.telemetry.quality.FeedbackLedger;
import io.signalbox.telemetry.quality.QualityProperties;
import io.signalbox.telemetry.quality.TierComparison;
import io.signalbox.telemetry.stats.Percentiles;
import io.signalbox.telemetry.window.Dimension;
import io.signalbox.telemetry.window.SeriesLabels;
import io.signalbox.telemetry.window.UsageWindows;
import io.signalbox.telemetry.window.Window;
import io.signalbox.telemetry.window.WindowSeries;
import io.signalbox.telemetry.window.WindowStats;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Judges every {@code evaluation-interval}: the error rate and latency of each endpoint and provider-hosted model,
 * and of each provider (over all its models and endpoints), with an {@link AnomalyRule} on the alert window; and the
 * cheaper tier's quality against the premium tier's. {@link AlertEpisodes} turns findings into one firing and one
 * resolved notice per episode, which {@link WebhookNotifier} delivers.
 */
public class AlertEvaluator {

    static final String ERROR_RATE = "error-rate";

    static final String LATENCY = "latency";

    static final String QUALITY = "quality";

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final UsageWindows windows;

    private final FeedbackLedger feedback;

    private final QualityProperties.Alert qualityAlert;

    private final AlertProperties properties;

    private final AnomalyRule rule;

    private final Window window;

    private final AlertEpisodes episodes;

    private final WebhookNotifier notifier;

    private final Clock clock;

    private final MeterRegistry registry;

    private final Map<String, AtomicInteger> firingByKind = new ConcurrentHashMap<>();

    private volatile List<AlertNotice> firing = List.of();

    public AlertEvaluator(UsageWindows windows, FeedbackLedger feedback, QualityProperties quality,
            AlertProperties properties, WebhookNotifier notifier, Clock clock, MeterRegistry registry) {
        this.windows = windows;
        this.feedback = feedback;
        this.qualityAlert = quality.alert();
        this.properties = properties;
        this.rule = new AnomalyRule(properties.thresholds());
        this.window = Window.parse(properties.window()).orElse(Window.FIVE_MINUTES);
        this.episodes = new AlertEpisodes(properties.resolveAfter());
        this.notifier = notifier;
        this.clock = clock;
        this.registry = registry;
        for (String kind : List.of(ERROR_RATE, LATENCY, QUALITY)) {
            AtomicInteger count = new AtomicInteger();
            firingByKind.put(kind, count);
            Gauge.builder("signalbox.alerts.firing", count, AtomicInteger::get)
                    .description("Alert episodes open now").tag("kind", kind).register(registry);
        }
    }

    @Scheduled(fixedDelayString = "${signalbox.telemetry.alerts.evaluation-interval:15s}",
            initialDelayString = "${signalbox.telemetry.alerts.evaluation-interval:15s}")
    public synchronized void evaluate() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        long recentSince = now.toEpochMilli() - window.lengthMillis();
        List<AlertNotice> notices = new ArrayList<>();
        episodes.beginRound();
        for (WindowSeries series : windows.series(Dimension.ENDPOINT)) {
            SeriesLabels labels = series.labels();
            judge(series, new AlertSubject("endpoint", series.key(), labels.modelId(), labels.providerId()),
                    recentSince, now, notices);
        }
        for (WindowSeries series : windows.series(Dimension.MODEL)) {
            SeriesLabels labels = series.labels();
            if (labels.providerHosted()) {
                judge(series, new AlertSubject("model", series.key(), series.key(), labels.providerId()), recentSince,
                        now, notices);
            }
        }
        for (WindowSeries series : windows.series(Dimension.PROVIDER)) {
            judge(series, new AlertSubject("provider", series.key(), null, series.key()), recentSince, now, notices);
        }
        judgeQuality(now, notices);
        notices.addAll(episodes.endRound(now));
        for (AlertNotice notice : notices) {
            if (AlertNotice.FIRING.equals(notice.status())) {
                log.warn("Alert {} firing on {} {}: {}", notice.kind(), notice.subject().kind(), notice.subject().id(),
                        notice.summary());
            }
            else {
                log.info("Alert {} resolved on {} {}", notice.kind(), notice.subject().kind(), notice.subject().id());
            }
            Counter.builder("signalbox.alert.notices").description("Alert notices raised")
                    .tags("kind", notice.kind(), "status", notice.status()).register(registry).increment();
            notifier.send(notice);
        }
        firing = episodes.firing(now);
        firingByKind.forEach((kind, count) -> count.set((int) firing.stream().filter(n -> n.kind().equals(kind)).count()));
    }

    /** The episodes open after the last evaluation, each with its latest finding. */
    public List<AlertNotice> firing() {
        return firing;
    }

    private void judge(WindowSeries series, AlertSubject subject, long recentSince, Instant now,
            List<AlertNotice> notices) {
        if (UsageWindows.OVERFLOW.equals(series.key())) {
            return;
        }
        String label = window.label();
        if (series.lastObservedMillis() < recentSince) {
            observe(new AlertEpisodes.Finding(ERROR_RATE, subject, label, null, null, properties.errorRate()), now,
                    notices);
            observe(new AlertEpisodes.Finding(LATENCY, subject, label, null, null, null), now, notices);
            return;
        }
        WindowStats recent = windows.stats(series, window);
        WindowStats hour = windows.stats(series, Window.ONE_HOUR);
        AnomalyRule.Verdict verdict = rule.judge(recent, hour);
        observe(new AlertEpisodes.Finding(ERROR_RATE, subject, label, verdict.errorReason(), recent.errorRate(),
                properties.errorRate()), now, notices);
        Percentiles baseline = hour.latencyMs();
        observe(new AlertEpisodes.Finding(LATENCY, subject, label, verdict.latencyReason(),
                verdict.latencyP95Millis() == null ? null : verdict.latencyP95Millis().doubleValue(),
                baseline == null ? null : baseline.p95() * properties.latencyFactor()), now, notices);
    }

    private void judgeQuality(Instant now, List<AlertNotice> notices) {
        TierComparison comparison = TierComparison.of(feedback, qualityAlert);
        String summary = null;
        if (comparison.below()) {
            summary = String.format(Locale.ROOT, "%s quality %.2f is %.0f%% of %s quality %.2f over %dh "
                    + "(limit %.0f%%; %d and %d scores)", comparison.cheaperTier(), comparison.cheaperMean(),
                    comparison.ratio() * 100, comparison.premiumTier(), comparison.premiumMean(),
                    comparison.windowHours(), comparison.minRatio() * 100, comparison.cheaperCount(),
                    comparison.premiumCount());
        }
        observe(new AlertEpisodes.Finding(QUALITY, new AlertSubject("tier", comparison.cheaperTier() + "/"
                + comparison.premiumTier(), null, null), comparison.windowHours() + "h", summary, comparison.ratio(),
                comparison.minRatio()), now, notices);
    }

    private void observe(AlertEpisodes.Finding finding, Instant now, List<AlertNotice> notices) {
        @Nullable AlertNotice notice = episodes.observe(finding, now);
        if (notice != null) {
            notices.add(notice);
        }
    }
}
