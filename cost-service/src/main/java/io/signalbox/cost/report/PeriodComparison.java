package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A period against the one before it, per group and currency. The previous period has the same length,
 * except that a period of whole calendar months (in the report's time zone) is compared with the same
 * number of whole months before it, so November is compared with all of October.
 */
public record PeriodComparison(CostReport current, CostReport previous, List<Change> changes, List<Change> totals) {

    /**
     * @param groups one label per grouping dimension (empty for a currency total)
     * @param change the cost now minus the cost before
     * @param changePercent the change as a percentage of the cost before, two decimals, half-even; null when
     *     nothing was spent before
     */
    public record Change(List<String> groups, @Nullable String currency, Measures now, Measures before,
            BigDecimal change, @Nullable BigDecimal changePercent) {

        static Change of(List<String> groups, @Nullable String currency, Measures now, Measures before) {
            BigDecimal change = now.cost().subtract(before.cost());
            BigDecimal percent = before.cost().signum() == 0 ? null
                    : change.multiply(BigDecimal.valueOf(100)).divide(before.cost(), 2, RoundingMode.HALF_EVEN);
            return new Change(List.copyOf(groups), currency, now, before, change, percent);
        }

        public String label() {
            return String.join(" / ", groups);
        }
    }

    public PeriodComparison {
        changes = List.copyOf(changes);
        totals = List.copyOf(totals);
    }

    /** The period before the query's, as described on the type. */
    static CostReportQuery previousPeriod(CostReportQuery query) {
        ZonedDateTime from = query.from().atZone(query.zone());
        ZonedDateTime to = query.to().atZone(query.zone());
        Instant start = startsMonth(from) && startsMonth(to)
                ? from.minusMonths(ChronoUnit.MONTHS.between(from, to)).toInstant()
                : query.from().minus(Duration.between(query.from(), query.to()));
        return query.withPeriod(start, query.from());
    }

    private static boolean startsMonth(ZonedDateTime time) {
        return time.getDayOfMonth() == 1 && time.toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    static PeriodComparison of(CostReport current, CostReport previous) {
        Map<Key, Measures[]> joined = new LinkedHashMap<>();
        for (CostReportRow row : current.rows()) {
            joined.computeIfAbsent(new Key(row.groups(), row.currency()), key -> empty())[0] = row.measures();
        }
        for (CostReportRow row : previous.rows()) {
            joined.computeIfAbsent(new Key(row.groups(), row.currency()), key -> empty())[1] = row.measures();
        }
        List<Change> changes = new ArrayList<>();
        joined.forEach((key, pair) -> changes.add(Change.of(key.groups(), key.currency(), pair[0], pair[1])));
        changes.sort(Comparator.comparing((Change change) -> change.change().abs()).reversed()
                .thenComparing(Change::label)
                .thenComparing(Change::currency, CostReport.CURRENCY_ORDER));
        Map<@Nullable String, Measures[]> byCurrency = new TreeMap<>(CostReport.CURRENCY_ORDER);
        for (CurrencyTotal total : current.totals()) {
            byCurrency.computeIfAbsent(total.currency(), key -> empty())[0] = total.measures();
        }
        for (CurrencyTotal total : previous.totals()) {
            byCurrency.computeIfAbsent(total.currency(), key -> empty())[1] = total.measures();
        }
        List<Change> totals = new ArrayList<>();
        byCurrency.forEach((currency, pair) -> totals.add(Change.of(List.of(), currency, pair[0], pair[1])));
        return new PeriodComparison(current, previous, changes, totals);
    }

    private static Measures[] empty() {
        return new Measures[] { Measures.ZERO, Measures.ZERO };
    }

    private record Key(List<String> groups, @Nullable String currency) {

        Key {
            Objects.requireNonNull(groups);
        }
    }
}
