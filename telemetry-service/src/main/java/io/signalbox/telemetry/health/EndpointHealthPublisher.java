package io.signalbox.telemetry.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.health.EndpointHealth;
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
 * Publishes an {@link EndpointHealth} for every active serving target every {@code interval}: each pool endpoint
 * (key {@code endpoint:<id>}) and each provider-hosted model (key {@code model:<id>}), the keys routing-service
 * looks them up by. A report carries the health window's call statistics, the last hour's p95 latency and the
 * {@link AnomalyRule}'s verdict as the unhealthy hint. A target without a call for {@code quiet-after} gets one
 * tombstone and is no longer published: routing forgets it at once (and would anyway once the last report's window
 * is older than its {@code stale-after}).
 */
public class EndpointHealthPublisher {

    private static final Logger log = LoggerFactory.getLogger(EndpointHealthPublisher.class);

    private final UsageWindows windows;

    private final HealthProperties properties;

    private final AnomalyRule rule;

    private final Window window;

    private final Sender sender;

    /** The last report published per key, while the target is active. */
    private final Map<String, Report> latest = new ConcurrentHashMap<>();

    private final HealthGauges gauges;

    public EndpointHealthPublisher(UsageWindows windows, HealthProperties properties, Sender sender,
            MeterRegistry registry) {
        this.gauges = new HealthGauges(registry);
        this.windows = windows;
        this.properties = properties;
        this.rule = new AnomalyRule(properties.thresholds());
        this.window = Window.parse(properties.window()).orElse(Window.ONE_MINUTE);
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${signalbox.telemetry.health.interval:5s}",
            initialDelayString = "${signalbox.telemetry.health.interval:5s}")
    public void publish() {
        if (!properties.enabled()) {
            return;
        }
        long now = windows.nowMillis();
        long activeSince = now - properties.quietAfter().toMillis();
        Set<String> active = new HashSet<>();
        for (WindowSeries series : windows.series(Dimension.ENDPOINT)) {
            SeriesLabels labels = series.labels();
            if (!UsageWindows.OVERFLOW.equals(series.key()) && labels.modelId() != null
                    && series.lastObservedMillis() >= activeSince) {
                publish(series, labels.modelId(), series.key(), labels, now, active);
            }
        }
        for (WindowSeries series : windows.series(Dimension.MODEL)) {
            SeriesLabels labels = series.labels();
            if (!UsageWindows.OVERFLOW.equals(series.key()) && labels.providerHosted()
                    && series.lastObservedMillis() >= activeSince) {
                publish(series, series.key(), null, labels, now, active);
            }
        }
        for (String key : List.copyOf(latest.keySet())) {
            if (!active.contains(key)) {
                sender.send(key, null);
                latest.remove(key);
                log.info("Health of {} withdrawn: no call for {}", key, properties.quietAfter());
            }
        }
        gauges.update(current());
    }

    private void publish(WindowSeries series, String modelId, @Nullable String endpointId, SeriesLabels labels,
            long now, Set<String> active) {
        WindowStats recent = windows.stats(series, window);
        WindowStats hour = windows.stats(series, Window.ONE_HOUR);
        AnomalyRule.Verdict verdict = rule.judge(recent, hour);
        Percentiles latency = recent.latencyMs();
        Percentiles ttft = recent.ttftMs();
        Percentiles baseline = hour.latencyMs();
        EndpointHealth report = new EndpointHealth(modelId, endpointId, labels.providerId(), recent.from(),
                recent.to(), recent.requests(), recent.errors(), ttft == null ? null : (double) ttft.p50(),
                ttft == null ? null : (double) ttft.p95(), latency == null ? null : (double) latency.p50(),
                latency == null ? null : (double) latency.p95(), Instant.ofEpochMilli(now), verdict.anomalous(),
                verdict.reason(), baseline == null ? null : (double) baseline.p95());
        String key = report.key();
        active.add(key);
        Report previous = latest.put(key, new Report(report, labels.modelName()));
        boolean wasUnhealthy = previous != null && previous.health().isUnhealthy();
        if (report.isUnhealthy() && !wasUnhealthy) {
            log.warn("{} is unhealthy: {}", key, report.unhealthyReason());
        }
        else if (!report.isUnhealthy() && wasUnhealthy) {
            log.info("{} is healthy again", key);
        }
        sender.send(key, report);
    }

    /** The reports last published for the targets still active, unhealthy first, then by key. */
    public List<Report> current() {
        List<Report> reports = new ArrayList<>(latest.values());
        reports.sort(Comparator.comparing((Report report) -> !report.health().isUnhealthy())
                .thenComparing(report -> report.health().key()));
        return reports;
    }

    /** A published report, with the model's name for people and dashboards. */
    public record Report(EndpointHealth health, @Nullable String modelName) {
    }

    /** Where reports go: the compacted health topic; a null report is a tombstone. */
    @FunctionalInterface
    public interface Sender {

        void send(String key, @Nullable EndpointHealth report);
    }
}
