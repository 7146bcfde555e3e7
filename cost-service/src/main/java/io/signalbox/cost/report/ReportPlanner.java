package io.signalbox.cost.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

import io.signalbox.cost.rollup.RollupTable;

/**
 * Picks where a report reads. A rollup can answer a query exactly when every bucket it holds lies wholly
 * inside the period and wholly inside one of the query's calendar buckets: the period's ends fall on the
 * rollup's grain (whole UTC hours, or UTC midnights), and, when the query has calendar buckets, the time
 * zone's offset is a whole number of grains for the whole period (any whole-hour offset for hourly
 * rollups, only UTC itself for daily ones). Everything else is read from line items.
 */
final class ReportPlanner {

    private ReportPlanner() {
    }

    static ReportSource plan(CostReportQuery query) {
        ReportSource asked = query.source();
        if (asked == ReportSource.LINE_ITEMS) {
            return asked;
        }
        if (asked != ReportSource.AUTO) {
            RollupTable rollup = asked.rollup();
            if (rollup == null || !servedBy(query, rollup.grainDuration())) {
                throw new InvalidReportQueryException("source", asked.apiName() + " cannot answer this query: "
                        + "its period must start and end on whole " + (asked == ReportSource.DAILY_ROLLUPS ? "UTC days" : "hours")
                        + (query.bucket() == null ? "" : ", and the time zone's offset must be a whole number of them")
                        + ".");
            }
            return asked;
        }
        if (servedBy(query, Duration.ofDays(1))) {
            return ReportSource.DAILY_ROLLUPS;
        }
        if (servedBy(query, Duration.ofHours(1))) {
            return ReportSource.HOURLY_ROLLUPS;
        }
        return ReportSource.LINE_ITEMS;
    }

    static boolean servedBy(CostReportQuery query, Duration grain) {
        return aligned(query.from(), grain) && aligned(query.to(), grain)
                && (query.bucket() == null || offsetsAreWholeGrains(query, grain));
    }

    private static boolean aligned(Instant instant, Duration grain) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), grain.toSeconds()) == 0;
    }

    /** Whether the zone's offset is a multiple of the grain at every instant of the period. */
    private static boolean offsetsAreWholeGrains(CostReportQuery query, Duration grain) {
        ZoneRules rules = query.zone().getRules();
        if (!whole(rules.getOffset(query.from()), grain)) {
            return false;
        }
        ZoneOffsetTransition transition = rules.nextTransition(query.from());
        while (transition != null && transition.getInstant().isBefore(query.to())) {
            if (!whole(transition.getOffsetAfter(), grain)) {
                return false;
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return true;
    }

    private static boolean whole(ZoneOffset offset, Duration grain) {
        return offset.getTotalSeconds() % grain.toSeconds() == 0;
    }
}
