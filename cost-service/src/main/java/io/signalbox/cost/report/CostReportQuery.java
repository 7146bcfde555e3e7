package io.signalbox.cost.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A cost report request: the half-open period {@code [from, to)}, the time zone of its calendar buckets,
 * what to group by (dimensions, at most one calendar bucket), filters per dimension and where to read.
 * Line items belong to the period by the time their request started.
 *
 * @param zone the time zone of the calendar buckets (and of dates given for {@code from} and {@code to})
 * @param groupBy dimensions, in the order the rows show them; may be empty (one row per currency)
 * @param bucket calendar buckets, or null for the whole period at once
 * @param tagName the tag whose values {@link Dimension#TAG} groups or filters by
 * @param filters per dimension, the values to keep ({@link Dimension#NONE} keeps items without a value);
 *     a dimension without an entry is not filtered
 * @param source where to read; {@link ReportSource#AUTO} lets the service pick
 */
public record CostReportQuery(
        Instant from,
        Instant to,
        ZoneId zone,
        List<Dimension> groupBy,
        @Nullable TimeBucket bucket,
        @Nullable String tagName,
        Map<Dimension, Set<String>> filters,
        ReportSource source) {

    public CostReportQuery {
        if (!from.isBefore(to)) {
            throw new InvalidReportQueryException("to", "'to' (" + to + ") must be after 'from' (" + from + ").");
        }
        if (new HashSet<>(groupBy).size() != groupBy.size()) {
            throw new InvalidReportQueryException("groupBy", "groupBy names a dimension twice: " + groupBy + ".");
        }
        groupBy = List.copyOf(groupBy);
        Map<Dimension, Set<String>> copy = new EnumMap<>(Dimension.class);
        filters.forEach((dimension, values) -> {
            if (!values.isEmpty()) {
                copy.put(dimension, Collections.unmodifiableSet(new LinkedHashSet<>(values)));
            }
        });
        filters = Collections.unmodifiableMap(copy);
        if ((groupBy.contains(Dimension.TAG) || filters.containsKey(Dimension.TAG)) && (tagName == null || tagName.isBlank())) {
            throw new InvalidReportQueryException("tagName",
                    "Grouping or filtering by tag needs 'tagName', the tag whose values to use.");
        }
    }

    /** The whole period in UTC, grouped by nothing: one row per currency. */
    public static CostReportQuery of(Instant from, Instant to) {
        return new CostReportQuery(from, to, ZoneOffset.UTC, List.of(), null, null, Map.of(), ReportSource.AUTO);
    }

    /** The values kept for the dimension; empty when it is not filtered. */
    public Set<String> filter(Dimension dimension) {
        return filters.getOrDefault(dimension, Set.of());
    }

    public CostReportQuery withFilter(Dimension dimension, Set<String> values) {
        Map<Dimension, Set<String>> changed = new EnumMap<>(Dimension.class);
        changed.putAll(filters);
        changed.put(dimension, values);
        return new CostReportQuery(from, to, zone, groupBy, bucket, tagName, changed, source);
    }

    public CostReportQuery withGrouping(List<Dimension> dimensions, @Nullable TimeBucket timeBucket) {
        return new CostReportQuery(from, to, zone, dimensions, timeBucket, tagName, filters, source);
    }

    public CostReportQuery withPeriod(Instant start, Instant end) {
        return new CostReportQuery(start, end, zone, groupBy, bucket, tagName, filters, source);
    }

    public CostReportQuery withSource(ReportSource newSource) {
        return new CostReportQuery(from, to, zone, groupBy, bucket, tagName, filters, newSource);
    }

    /** The grouping as the API writes it: {@code team,model,day}. */
    public String groupByApiName() {
        StringBuilder names = new StringBuilder();
        for (Dimension dimension : groupBy) {
            names.append(names.isEmpty() ? "" : ",").append(dimension.apiName());
        }
        if (bucket != null) {
            names.append(names.isEmpty() ? "" : ",").append(bucket.apiName());
        }
        return names.toString();
    }
}
