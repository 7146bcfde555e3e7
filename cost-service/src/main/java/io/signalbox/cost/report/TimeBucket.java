package io.signalbox.cost.report;

import java.util.Locale;
import java.util.Optional;

/**
 * Calendar buckets of a report, in the report's time zone: days, ISO weeks (Monday to Sunday) and months.
 * A bucket is named by its first day.
 */
public enum TimeBucket {

    DAY, WEEK, MONTH;

    /** The {@code date_trunc} field. */
    String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TimeBucket> fromApiName(String value) {
        for (TimeBucket candidate : values()) {
            if (candidate.apiName().equalsIgnoreCase(value.trim())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
