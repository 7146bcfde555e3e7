package io.signalbox.cost.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads a report query from its HTTP parameters. Every parameter the endpoint does not know is refused,
 * so that a misspelt filter ({@code teams=...}) is an error rather than a report about everything.
 *
 * <ul>
 * <li>{@code from}, {@code to}: required; an ISO date (start of that day in {@code timeZone}) or an ISO
 * instant with an offset</li>
 * <li>{@code timeZone}: an IANA zone or a fixed offset; default UTC</li>
 * <li>{@code groupBy}: dimensions and at most one of {@code day}, {@code week}, {@code month}, comma-separated
 * or repeated</li>
 * <li>{@code tenant}, {@code team}, {@code key}, {@code model}, {@code provider}, {@code route}: filters,
 * repeat a parameter for several values; {@code (none)} matches items without a value</li>
 * <li>{@code tagName}, {@code tagValue}: the tag to group by, and values of it to keep</li>
 * <li>{@code source}: {@code auto} (default), {@code daily-rollups}, {@code hourly-rollups}, {@code line-items}</li>
 * </ul>
 */
public final class ReportParameters {

    private static final String FORMATS =
            "an ISO date (2026-11-01, start of day in the report's time zone) or an ISO instant (2026-11-01T00:00:00Z)";

    private static final Set<String> COMMON = Set.of("from", "to", "timeZone", "groupBy", "tagName", "tagValue",
            "source", "tenant", "team", "key", "model", "provider", "route");

    private ReportParameters() {
    }

    /**
     * Parses a query.
     *
     * @param params every query parameter of the request
     * @param extra parameters the endpoint reads itself (they are allowed, not parsed here)
     * @param defaultGroupBy the grouping when {@code groupBy} is absent
     */
    public static CostReportQuery parse(Map<String, List<String>> params, Set<String> extra, String defaultGroupBy) {
        for (String name : params.keySet()) {
            if (!COMMON.contains(name) && !extra.contains(name)) {
                throw new InvalidReportQueryException(name, "Unknown query parameter '" + name + "'.");
            }
        }
        ZoneId zone = zone(single(params, "timeZone"));
        Instant from = instant("from", single(params, "from"), zone);
        Instant to = instant("to", single(params, "to"), zone);
        List<Dimension> dimensions = new ArrayList<>();
        TimeBucket bucket = null;
        List<String> groupBy = all(params, "groupBy");
        List<String> names = new ArrayList<>();
        for (String value : groupBy.isEmpty() ? List.of(defaultGroupBy) : groupBy) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        for (String name : names) {
            Optional<Dimension> dimension = Dimension.fromApiName(name);
            Optional<TimeBucket> timeBucket = TimeBucket.fromApiName(name);
            if (dimension.isPresent()) {
                dimensions.add(dimension.get());
            }
            else if (timeBucket.isPresent()) {
                if (bucket != null) {
                    throw new InvalidReportQueryException("groupBy", "groupBy takes at most one of day, week, month.");
                }
                bucket = timeBucket.get();
            }
            else {
                throw new InvalidReportQueryException("groupBy", "groupBy must be among " + Dimension.apiNames()
                        + ", day, week, month, not '" + name + "'.");
            }
        }
        Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            String name = dimension == Dimension.TAG ? "tagValue" : dimension.apiName();
            List<String> values = all(params, name);
            if (!values.isEmpty()) {
                filters.put(dimension, new LinkedHashSet<>(values));
            }
        }
        String tagName = single(params, "tagName");
        String sourceName = single(params, "source");
        ReportSource source = sourceName == null ? ReportSource.AUTO : ReportSource.fromApiName(sourceName)
                .orElseThrow(() -> new InvalidReportQueryException("source",
                        "source must be auto, daily-rollups, hourly-rollups or line-items, not '" + sourceName + "'."));
        return new CostReportQuery(from, to, zone, dimensions, bucket, tagName == null ? null : tagName.trim(), filters,
                source);
    }

    /** The one value of a parameter; null when absent or blank, an error when given twice. */
    public static @Nullable String single(Map<String, List<String>> params, String name) {
        List<String> values = all(params, name);
        if (values.size() > 1) {
            throw new InvalidReportQueryException(name, "Query parameter '" + name + "' is given more than once.");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> all(Map<String, List<String>> params, String name) {
        List<String> values = new ArrayList<>();
        for (String value : params.getOrDefault(name, List.of())) {
            if (value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    static ZoneId zone(@Nullable String value) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value).normalized();
        }
        catch (DateTimeException ex) {
            throw new InvalidReportQueryException("timeZone", "timeZone must be an IANA time zone (Europe/Berlin) "
                    + "or an offset (+05:30), not '" + value + "'.");
        }
    }

    static Instant instant(String parameter, @Nullable String value, ZoneId zone) {
        if (value == null) {
            throw new InvalidReportQueryException(parameter, "Query parameter '" + parameter + "' is required: " + FORMATS + ".");
        }
        try {
            return value.indexOf('T') < 0 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
        }
        catch (DateTimeException ex) {
            throw new InvalidReportQueryException(parameter, "'" + parameter + "' must be " + FORMATS + ", not '" + value + "'.");
        }
    }
}
