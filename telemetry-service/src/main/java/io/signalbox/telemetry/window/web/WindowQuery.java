package io.signalbox.telemetry.window.web;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.signalbox.telemetry.web.InvalidParameterException;
import io.signalbox.telemetry.web.NotFoundException;
import io.signalbox.telemetry.window.Dimension;
import io.signalbox.telemetry.window.SeriesLabels;
import io.signalbox.telemetry.window.Window;
import io.signalbox.telemetry.window.WindowSeries;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a window listing, checked: every refusal names the parameter and what would be accepted.
 *
 * @param model keeps models whose id or name is this, or endpoints serving such a model
 * @param provider keeps models and endpoints of this provider, or this provider
 */
record WindowQuery(Dimension dimension, Window window, @Nullable String key, @Nullable String model,
        @Nullable String provider, long minRequests, int limit) {

    static final int MAX_LIMIT = 1000;

    private static final Set<Dimension> WITH_MODEL = Set.of(Dimension.MODEL, Dimension.ENDPOINT);

    private static final Set<Dimension> WITH_PROVIDER = Set.of(Dimension.MODEL, Dimension.ENDPOINT, Dimension.PROVIDER);

    static Dimension dimension(String path) {
        return Dimension.parse(path).orElseThrow(() -> new NotFoundException("No telemetry dimension '" + path
                + "'; there are " + Arrays.stream(Dimension.values()).map(Dimension::path)
                        .collect(Collectors.joining(", ")) + "."));
    }

    static Window window(@Nullable String label) {
        if (label == null || label.isBlank()) {
            return Window.FIVE_MINUTES;
        }
        return Window.parse(label).orElseThrow(() -> new InvalidParameterException("window",
                "window must be one of 1m, 5m, 1h; was '" + label + "'."));
    }

    static WindowQuery of(String dimensionPath, @Nullable String window, @Nullable String key, @Nullable String model,
            @Nullable String provider, @Nullable String minRequests, @Nullable String limit) {
        Dimension dimension = dimension(dimensionPath);
        if (blankToNull(model) != null && !WITH_MODEL.contains(dimension)) {
            throw new InvalidParameterException("model", "model filters models and endpoints, not " + dimension.path()
                    + ".");
        }
        if (blankToNull(provider) != null && !WITH_PROVIDER.contains(dimension)) {
            throw new InvalidParameterException("provider", "provider filters models, endpoints and providers, not "
                    + dimension.path() + ".");
        }
        long min = integer("minRequests", minRequests, 1, 0, Long.MAX_VALUE);
        int max = (int) integer("limit", limit, 100, 1, MAX_LIMIT);
        return new WindowQuery(dimension, window(window), blankToNull(key), blankToNull(model), blankToNull(provider),
                min, max);
    }

    boolean matches(WindowSeries series) {
        if (key != null && !key.equals(series.key())) {
            return false;
        }
        SeriesLabels labels = series.labels();
        if (model != null) {
            boolean byKey = dimension == Dimension.MODEL && model.equals(series.key());
            if (!byKey && !model.equals(labels.modelId()) && !model.equals(labels.modelName())) {
                return false;
            }
        }
        if (provider != null) {
            String seriesProvider = dimension == Dimension.PROVIDER ? series.key() : labels.providerId();
            return provider.equals(seriesProvider);
        }
        return true;
    }

    private static long integer(String name, @Nullable String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidParameterException(name, name + " must be a whole number; was '" + value + "'.");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(name, name + " must be between " + min + " and "
                    + (max == Long.MAX_VALUE ? "any larger number" : String.valueOf(max)) + "; was " + parsed + ".");
        }
        return parsed;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
