package io.signalbox.telemetry.window;

import java.util.Locale;
import java.util.Optional;

/**
 * What statistics are grouped by. Two views of the same traffic:
 * <ul>
 * <li>Serving views ({@link #MODEL}, {@link #ENDPOINT}, {@link #PROVIDER}) count upstream <em>calls</em>: each
 * attempt of a request against the target it tried, so a call that failed and was retried elsewhere counts
 * against the target that failed. Mirrored (shadow) calls count here: they are real calls.</li>
 * <li>Client views ({@link #TENANT}, {@link #ROUTE}) count client <em>requests</em> as the client saw them,
 * one per usage event; mirrored calls never count here, the client never saw them.</li>
 * </ul>
 */
public enum Dimension {

    MODEL("models", true),
    ENDPOINT("endpoints", true),
    PROVIDER("providers", true),
    TENANT("tenants", false),
    ROUTE("routes", false);

    private final String path;

    private final boolean serving;

    Dimension(String path, boolean serving) {
        this.path = path;
        this.serving = serving;
    }

    /** The plural the API uses ({@code /windows/endpoints}) and the metrics' {@code dimension} label. */
    public String path() {
        return path;
    }

    /** True for the call-based serving views, false for the request-based client views. */
    public boolean serving() {
        return serving;
    }

    public static Optional<Dimension> parse(String path) {
        String wanted = path.trim().toLowerCase(Locale.ROOT);
        for (Dimension dimension : values()) {
            if (dimension.path.equals(wanted)) {
                return Optional.of(dimension);
            }
        }
        return Optional.empty();
    }
}
