package io.signalbox.cost.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * A cost report request: the half-open period {@code [from, to)} and the grouping. Dates mean the start
 * of that day in UTC, so {@code from=2026-11-01&to=2026-12-01} is exactly November.
 */
public record CostReportQuery(Instant from, Instant to, GroupBy groupBy) {

    private static final String FORMATS = "an ISO date (2026-11-01, start of day UTC) or an ISO instant (2026-11-01T00:00:00Z)";

    public CostReportQuery {
        if (!from.isBefore(to)) {
            throw new InvalidReportQueryException("to", "'to' (" + to + ") must be after 'from' (" + from + ").");
        }
    }

    /** Parses the query parameters as the API receives them. */
    public static CostReportQuery parse(@Nullable String from, @Nullable String to, @Nullable String groupBy) {
        return new CostReportQuery(instant("from", from), instant("to", to), GroupBy.parse(groupBy));
    }

    private static Instant instant(String parameter, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidReportQueryException(parameter, "Query parameter '" + parameter + "' is required: " + FORMATS + ".");
        }
        String text = value.trim();
        try {
            return text.indexOf('T') < 0
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        }
        catch (DateTimeException ex) {
            throw new InvalidReportQueryException(parameter, "'" + parameter + "' must be " + FORMATS + ", not '" + value + "'.");
        }
    }
}
