package io.signalbox.telemetry.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.signalbox.telemetry.stats.Percentiles;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The rolling windows as Prometheus gauges, refreshed every {@code signalbox.telemetry.metrics.refresh-interval}
 * from one window ({@code signalbox.telemetry.metrics.window}, 1m by default), for the serving dimensions and routes
 * (tenants are left out: there may be many, and the team counters cover them). Only series with requests in the
 * window get a row, so series come and go with traffic. Percentiles here are HdrHistogram's (within 1 %), where the
 * {@code gen_ai_*} histograms only allow a bucket-interpolated estimate.
 *
 * <p>Every gauge has the labels {@code dimension} ({@code models}, {@code endpoints}, {@code providers},
 * {@code routes}), {@code key} and {@code window}.
 */
public class WindowGauges {

    private static final Set<Dimension> EXPORTED = Set.of(Dimension.MODEL, Dimension.ENDPOINT, Dimension.PROVIDER,
            Dimension.ROUTE);

    private static final double[] QUANTILES = { 0.5, 0.95, 0.99 };

    private final UsageWindows windows;

    private final Window window;

    private final MultiGauge requestRate;

    private final MultiGauge errorRatio;

    private final MultiGauge latency;

    private final MultiGauge ttft;

    private final MultiGauge tokenRate;

    private final MultiGauge cacheHitRatio;

    private final MultiGauge costRate;

    public WindowGauges(UsageWindows windows, Window window, MeterRegistry registry) {
        this.windows = windows;
        this.window = window;
        this.requestRate = MultiGauge.builder("signalbox.window.requests.per.second")
                .description("Requests (client views) or calls (serving views) per second over the window")
                .register(registry);
        this.errorRatio = MultiGauge.builder("signalbox.window.error.ratio")
                .description("Failed share of the window's requests or calls").register(registry);
        this.latency = MultiGauge.builder("signalbox.window.latency").baseUnit("seconds")
                .description("Latency percentiles over the window (HdrHistogram, within 1 %)").register(registry);
        this.ttft = MultiGauge.builder("signalbox.window.ttft").baseUnit("seconds")
                .description("Time-to-first-token percentiles of streamed answers over the window").register(registry);
        this.tokenRate = MultiGauge.builder("signalbox.window.tokens.per.second")
                .description("Reported tokens per second over the window").register(registry);
        this.cacheHitRatio = MultiGauge.builder("signalbox.window.prompt.cache.hit.ratio")
                .description("Cached prompt tokens / prompt tokens over the window").register(registry);
        this.costRate = MultiGauge.builder("signalbox.window.cost.per.hour")
                .description("Spend per hour at the window's pace, per currency").register(registry);
    }

    @Scheduled(fixedDelayString = "${signalbox.telemetry.metrics.refresh-interval:15s}",
            initialDelayString = "${signalbox.telemetry.metrics.refresh-interval:15s}")
    public void refresh() {
        List<MultiGauge.Row<?>> requests = new ArrayList<>();
        List<MultiGauge.Row<?>> errors = new ArrayList<>();
        List<MultiGauge.Row<?>> latencies = new ArrayList<>();
        List<MultiGauge.Row<?>> ttfts = new ArrayList<>();
        List<MultiGauge.Row<?>> tokens = new ArrayList<>();
        List<MultiGauge.Row<?>> cache = new ArrayList<>();
        List<MultiGauge.Row<?>> cost = new ArrayList<>();
        for (Dimension dimension : EXPORTED) {
            for (WindowSeries series : windows.series(dimension)) {
                WindowStats stats = windows.stats(series, window);
                if (stats.requests() == 0) {
                    continue;
                }
                Tags tags = Tags.of("dimension", dimension.path(), "key", series.key(), "window", window.label());
                requests.add(MultiGauge.Row.of(tags, stats.requestsPerSecond()));
                errors.add(MultiGauge.Row.of(tags, stats.errorRate()));
                quantiles(tags, stats.latencyMs(), latencies);
                quantiles(tags, stats.ttftMs(), ttfts);
                tokens.add(MultiGauge.Row.of(tags.and("type", "prompt"), stats.promptTokensPerSecond()));
                tokens.add(MultiGauge.Row.of(tags.and("type", "completion"), stats.completionTokensPerSecond()));
                Double hitRatio = stats.promptCacheHitRatio();
                if (hitRatio != null) {
                    cache.add(MultiGauge.Row.of(tags, hitRatio));
                }
                stats.costPerHour().forEach((currency, perHour) -> cost.add(MultiGauge.Row.of(
                        tags.and("currency", currency), perHour.doubleValue())));
            }
        }
        requestRate.register(requests, true);
        errorRatio.register(errors, true);
        latency.register(latencies, true);
        ttft.register(ttfts, true);
        tokenRate.register(tokens, true);
        cacheHitRatio.register(cache, true);
        costRate.register(cost, true);
    }

    private static void quantiles(Tags tags, @Nullable Percentiles percentiles, List<MultiGauge.Row<?>> rows) {
        if (percentiles == null) {
            return;
        }
        long[] values = { percentiles.p50(), percentiles.p95(), percentiles.p99() };
        for (int i = 0; i < QUANTILES.length; i++) {
            rows.add(MultiGauge.Row.of(tags.and("quantile", String.valueOf(QUANTILES[i])), values[i] / 1000.0));
        }
    }
}
