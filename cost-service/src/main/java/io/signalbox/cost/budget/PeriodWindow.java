package io.signalbox.cost.budget;

import java.time.Instant;

/**
 * One budget period: {@code [start, end)}.
 *
 * @param name {@code 2026-11} for a month, {@code 2026-11-21} for a day (in the budget's time zone)
 */
public record PeriodWindow(String name, Instant start, Instant end) {

    public PeriodWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A period must end after it starts");
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
