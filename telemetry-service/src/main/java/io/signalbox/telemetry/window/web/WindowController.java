package io.signalbox.telemetry.window.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.telemetry.web.NotFoundException;
import io.signalbox.telemetry.window.Dimension;
import io.signalbox.telemetry.window.UsageWindows;
import io.signalbox.telemetry.window.Window;
import io.signalbox.telemetry.window.WindowSeries;
import io.signalbox.telemetry.window.WindowStats;
import io.signalbox.telemetry.window.web.WindowResponses.Detail;
import io.signalbox.telemetry.window.web.WindowResponses.Entry;
import io.signalbox.telemetry.window.web.WindowResponses.Figures;
import io.signalbox.telemetry.window.web.WindowResponses.Listing;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rolling windows: one dimension's series over one window, busiest first, or one series over all windows. */
@RestController
@RequestMapping("/api/v1/telemetry/windows")
class WindowController {

    private final UsageWindows windows;

    WindowController(UsageWindows windows) {
        this.windows = windows;
    }

    @GetMapping("/{dimension}")
    Listing list(@PathVariable String dimension, @RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String key, @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable String provider,
            @RequestParam(required = false) @Nullable String minRequests,
            @RequestParam(required = false) @Nullable String limit) {
        WindowQuery query = WindowQuery.of(dimension, window, key, model, provider, minRequests, limit);
        List<Entry> entries = new ArrayList<>();
        for (WindowSeries series : windows.series(query.dimension())) {
            if (query.matches(series)) {
                WindowStats stats = windows.stats(series, query.window());
                if (stats.requests() >= query.minRequests()) {
                    entries.add(new Entry(series.key(), series.labels(), Figures.of(stats)));
                }
            }
        }
        entries.sort(Comparator.comparingLong((Entry entry) -> entry.stats().requests()).reversed()
                .thenComparing(Entry::key));
        return new Listing(query.dimension().path(), query.window().label(), Instant.ofEpochMilli(windows.nowMillis()),
                entries.subList(0, Math.min(query.limit(), entries.size())));
    }

    @GetMapping("/{dimension}/{key}")
    Detail one(@PathVariable String dimension, @PathVariable String key) {
        Dimension parsed = WindowQuery.dimension(dimension);
        WindowSeries series = windows.series(parsed, key).orElseThrow(() -> new NotFoundException("No "
                + parsed.path() + " series '" + key + "' in the last hour."));
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (Window window : Window.values()) {
            figures.put(window.label(), Figures.of(windows.stats(series, window)));
        }
        return new Detail(parsed.path(), key, series.labels(), figures);
    }
}
