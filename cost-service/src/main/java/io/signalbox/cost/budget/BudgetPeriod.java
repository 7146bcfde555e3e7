package io.signalbox.cost.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * How long a budget's spend accumulates before it starts again from zero: a calendar day or a calendar month in
 * the budget's time zone. Periods start at the first instant of their first day in that zone, which is usually
 * local midnight; on days where a daylight-saving change skips midnight they start at the first local time that
 * exists. So a day may last 23 or 25 hours, and a month's length in hours follows.
 */
public enum BudgetPeriod {

    DAILY,
    MONTHLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BudgetPeriod fromWire(String name) {
        for (BudgetPeriod period : values()) {
            if (period.wireName().equals(name)) {
                return period;
            }
        }
        throw new IllegalArgumentException("Unknown budget period '" + name + "'");
    }

    /** The period that contains {@code at}, in {@code zone}. */
    public PeriodWindow containing(Instant at, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return this == DAILY ? day(day, zone) : month(day.withDayOfMonth(1), zone);
    }

    /** The day that contains {@code at}, in {@code zone}, whatever the budget's period (for anomaly checks). */
    static PeriodWindow dayContaining(Instant at, ZoneId zone) {
        return day(at.atZone(zone).toLocalDate(), zone);
    }

    static PeriodWindow day(LocalDate day, ZoneId zone) {
        return new PeriodWindow(day.toString(), day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static PeriodWindow month(LocalDate first, ZoneId zone) {
        return new PeriodWindow(first.toString().substring(0, 7), first.atStartOfDay(zone).toInstant(),
                first.plusMonths(1).atStartOfDay(zone).toInstant());
    }
}
