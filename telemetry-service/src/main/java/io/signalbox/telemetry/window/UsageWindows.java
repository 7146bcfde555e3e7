package io.signalbox.telemetry.window;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.catalog.ModelDirectory;
import io.signalbox.telemetry.ingest.UsageSink;
import io.signalbox.telemetry.stats.Outcomes;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Rolling 1-minute, 5-minute and 1-hour statistics per model, endpoint, provider, tenant and route (see
 * {@link Dimension} for what each counts). An observation is placed by the time its request finished, so a burst
 * of events replayed from the gateway's spool after a Kafka outage lands where it happened, not now; one older
 * than the 1-hour window is counted only in {@code signalbox_telemetry_window_late_events_total}.
 */
public class UsageWindows implements UsageSink {

    /** The key under which a dimension counts the keys beyond its series cap. */
    public static final String OVERFLOW = SeriesTable.OVERFLOW;

    /** How far back the longest window reaches: older observations count nowhere. */
    public static final Duration RETAINED = Duration.ofMillis(WindowSeries.RETAINED_MILLIS);

    /** The route key of requests that named a model rather than a route alias. */
    public static final String DIRECT = "(direct)";

    private final Map<Dimension, SeriesTable> tables = new EnumMap<>(Dimension.class);

    private final ModelDirectory directory;

    private final Clock clock;

    private final long startedMillis;

    private final AtomicLong firstObservedMillis = new AtomicLong(Long.MAX_VALUE);

    private final Counter late;

    public UsageWindows(WindowProperties properties, ModelDirectory directory, Clock clock, MeterRegistry registry) {
        this.directory = directory;
        this.clock = clock;
        this.startedMillis = clock.millis();
        for (Dimension dimension : Dimension.values()) {
            SeriesTable table = new SeriesTable(properties.maxSeries().of(dimension),
                    Counter.builder("signalbox.telemetry.window.overflow")
                            .description("Observations of keys beyond a dimension's series cap, counted under _other")
                            .tag("dimension", dimension.path()).register(registry));
            tables.put(dimension, table);
            Gauge.builder("signalbox.telemetry.window.series", table, SeriesTable::size)
                    .description("Series kept per dimension").tag("dimension", dimension.path()).register(registry);
        }
        this.late = Counter.builder("signalbox.telemetry.window.late.events")
                .description("Usage events that finished before the 1-hour window and so count in no window")
                .register(registry);
        Gauge.builder("signalbox.telemetry.window.footprint", this, UsageWindows::footprintBytes).baseUnit("bytes")
                .description("Estimated memory held by the rolling windows").register(registry);
    }

    @Override
    public void record(UsageRecorded event) {
        long now = clock.millis();
        long at = Math.min(event.completedAt().toEpochMilli(), now);
        if (at <= now - WindowSeries.RETAINED_MILLIS) {
            late.increment();
            return;
        }
        firstObservedMillis.accumulateAndGet(at, Math::min);
        if (event.mirrorOf() == null) {
            TokenUsage usage = event.usage();
            Observation request = new Observation(at, event.succeeded() ? null : Outcomes.errorClass(event),
                    event.latencyMillis(), event.ttftMillis(), usage.promptTokens(), usage.completionTokens(),
                    usage.cachedPromptTokens(), event.price() == null ? null : event.price().currency(),
                    event.price() == null ? null : event.cost());
            record(Dimension.TENANT, event.tenantId(), request, SeriesLabels.NONE, now);
            record(Dimension.ROUTE, event.routeAlias() == null ? DIRECT : event.routeAlias(), request,
                    SeriesLabels.ofPolicy(event.policy()), now);
        }
        for (Calls.Call call : Calls.of(event, at, directory)) {
            SeriesLabels labels = call.labels();
            record(Dimension.MODEL, call.modelId(), call.observation(), labels, now);
            if (call.endpointId() != null) {
                record(Dimension.ENDPOINT, call.endpointId(), call.observation(), labels, now);
            }
            if (call.providerId() != null) {
                record(Dimension.PROVIDER, call.providerId(), call.observation(), SeriesLabels.NONE, now);
            }
        }
    }

    private void record(Dimension dimension, String key, Observation observation, SeriesLabels labels, long now) {
        SeriesTable table = tables.get(dimension);
        WindowSeries series = table.forRecording(key);
        if (!series.record(observation, labels, now)) {
            table.remove(series);
            table.forRecording(key).record(observation, labels, now);
        }
    }

    /** Every series of a dimension, in no particular order. */
    public List<WindowSeries> series(Dimension dimension) {
        return new ArrayList<>(tables.get(dimension).all());
    }

    public Optional<WindowSeries> series(Dimension dimension, String key) {
        return Optional.ofNullable(tables.get(dimension).get(key));
    }

    /** The series over the window ending now. */
    public WindowStats stats(WindowSeries series, Window window) {
        return series.stats(window, clock.millis(), notBeforeMillis());
    }

    public long nowMillis() {
        return clock.millis();
    }

    /** Observations before this instant were never seen: this instance started later, or had no earlier event. */
    long notBeforeMillis() {
        return Math.min(startedMillis, firstObservedMillis.get());
    }

    /** Drops every series nothing was observed in for longer than the 1-hour window keeps, freeing its place. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void retireIdleSeries() {
        long cutoff = clock.millis() - WindowSeries.RETAINED_MILLIS;
        for (SeriesTable table : tables.values()) {
            for (WindowSeries series : table.all()) {
                if (series.retireIfIdleSince(cutoff)) {
                    table.remove(series);
                }
            }
        }
    }

    long footprintBytes() {
        long bytes = 0;
        for (SeriesTable table : tables.values()) {
            for (WindowSeries series : table.all()) {
                bytes += series.footprintBytes();
            }
        }
        return bytes;
    }
}
