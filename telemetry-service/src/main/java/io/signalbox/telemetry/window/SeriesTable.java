package io.signalbox.telemetry.window;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;

/** The series of one dimension, at most {@code max} of them plus the overflow series. */
final class SeriesTable {

    /** Where keys beyond the cap are counted. */
    static final String OVERFLOW = "_other";

    private final Map<String, WindowSeries> series = new ConcurrentHashMap<>();

    private final int max;

    private final Counter overflowed;

    SeriesTable(int max, Counter overflowed) {
        this.max = max;
        this.overflowed = overflowed;
    }

    WindowSeries forRecording(String key) {
        WindowSeries found = series.get(key);
        if (found != null) {
            return found;
        }
        if (series.size() >= max && !OVERFLOW.equals(key)) {
            overflowed.increment();
            return series.computeIfAbsent(OVERFLOW, WindowSeries::new);
        }
        return series.computeIfAbsent(key, WindowSeries::new);
    }

    @Nullable WindowSeries get(String key) {
        return series.get(key);
    }

    Collection<WindowSeries> all() {
        return series.values();
    }

    int size() {
        return series.size();
    }

    /** Drops a retired series unless a successor has taken its place already. */
    void remove(WindowSeries retired) {
        series.remove(retired.key(), retired);
    }
}
