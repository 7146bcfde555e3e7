package io.signalbox.telemetry.window;

import java.util.Locale;
import java.util.Optional;

/**
 * The rolling windows statistics are kept for. A window is a number of consecutive slots ending with the slot
 * now filling, merged when read: the 1-minute and 5-minute windows use 10-second slots, so they slide every
 * 10 s and cover the last 50-60 s and 290-300 s; the 1-hour window uses 5-minute slots, slides every 5 minutes and
 * covers the last 55-60 minutes. Rates divide by the time actually covered, so they do not dip when a slot starts.
 */
public enum Window {

    ONE_MINUTE("1m", WindowSeries.FINE_SLOT_MILLIS, 6),
    FIVE_MINUTES("5m", WindowSeries.FINE_SLOT_MILLIS, 30),
    ONE_HOUR("1h", WindowSeries.COARSE_SLOT_MILLIS, 12);

    private final String label;

    private final long slotMillis;

    private final int slots;

    Window(String label, long slotMillis, int slots) {
        this.label = label;
        this.slotMillis = slotMillis;
        this.slots = slots;
    }

    /** {@code 1m}, {@code 5m} or {@code 1h}: how the API and the metrics name it. */
    public String label() {
        return label;
    }

    long slotMillis() {
        return slotMillis;
    }

    int slots() {
        return slots;
    }

    /** The nominal length, for rules that reason about it. */
    public long lengthMillis() {
        return slotMillis * slots;
    }

    public static Optional<Window> parse(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (Window window : values()) {
            if (window.label.equals(wanted)) {
                return Optional.of(window);
            }
        }
        return Optional.empty();
    }
}
