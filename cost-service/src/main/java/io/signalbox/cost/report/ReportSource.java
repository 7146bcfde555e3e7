package io.signalbox.cost.report;

import java.util.Locale;
import java.util.Optional;

import io.signalbox.cost.rollup.RollupTable;
import org.jspecify.annotations.Nullable;

/**
 * Where a report's figures come from. Rollups answer the same totals as line items (they are written in
 * the same statements) at a fraction of the rows; they serve a query when its period starts and ends on
 * their grain and its calendar buckets line up with it: daily rollups when the buckets are UTC days, hourly
 * rollups for any time zone whose offset is a whole number of hours throughout the period.
 */
public enum ReportSource {

    /** Let the service choose: daily rollups, else hourly rollups, else line items. */
    AUTO(null),
    DAILY_ROLLUPS(RollupTable.DAILY),
    HOURLY_ROLLUPS(RollupTable.HOURLY),
    LINE_ITEMS(null);

    private final @Nullable RollupTable rollup;

    ReportSource(@Nullable RollupTable rollup) {
        this.rollup = rollup;
    }

    /** The plain rollup read, null for line items. */
    @Nullable RollupTable rollup() {
        return rollup;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<ReportSource> fromApiName(String value) {
        for (ReportSource candidate : values()) {
            if (candidate.apiName().equalsIgnoreCase(value.trim())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
