package io.signalbox.telemetry.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Scores per group (tier, or model) in hourly buckets over the retention, placed by when the scored request started.
 * Scores are plain doubles: they are means of judgements, not money. The number of groups is capped
 * ({@value #MAX_GROUPS}); scores of further groups are dropped.
 */
public final class QualityHistory {

    static final int MAX_GROUPS = 500;

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final int hours;

    private final Map<String, Buckets> groups = new ConcurrentHashMap<>();

    QualityHistory(int hours) {
        this.hours = hours;
    }

    void add(String group, double score, boolean sampled, Instant at, long nowMillis) {
        long hour = Math.floorDiv(Math.min(at.toEpochMilli(), nowMillis), HOUR);
        if (hour <= Math.floorDiv(nowMillis, HOUR) - hours) {
            return;
        }
        Buckets buckets = groups.get(group);
        if (buckets == null) {
            if (groups.size() >= MAX_GROUPS) {
                return;
            }
            buckets = groups.computeIfAbsent(group, key -> new Buckets(hours));
        }
        buckets.add(hour, score, sampled);
    }

    /** Each group's hourly buckets of the last {@code span} hours (the hour now running included), oldest first. */
    Map<String, List<Bucket>> series(int span, long nowMillis) {
        long last = Math.floorDiv(nowMillis, HOUR);
        long first = last - Math.min(span, hours) + 1;
        Map<String, List<Bucket>> series = new TreeMap<>();
        groups.forEach((group, buckets) -> {
            List<Bucket> list = buckets.between(first, last);
            if (list.stream().anyMatch(bucket -> bucket.count() > 0)) {
                series.put(group, list);
            }
        });
        return series;
    }

    /** One group's totals over the last {@code span} hours, or an empty bucket. */
    Bucket total(String group, int span, long nowMillis) {
        Buckets buckets = groups.get(group);
        long last = Math.floorDiv(nowMillis, HOUR);
        long first = last - Math.min(span, hours) + 1;
        return buckets == null ? Bucket.empty(Instant.ofEpochMilli(first * HOUR)) : Bucket.sum(buckets.between(first, last),
                Instant.ofEpochMilli(first * HOUR));
    }

    /**
     * Scores of one hour.
     *
     * @param sampledCount how many of them scored sampled requests
     */
    public record Bucket(Instant start, long count, double sum, long sampledCount, double sampledSum) {

        static Bucket empty(Instant start) {
            return new Bucket(start, 0, 0, 0, 0);
        }

        public static Bucket sum(List<Bucket> buckets, Instant start) {
            long count = 0;
            double sum = 0;
            long sampledCount = 0;
            double sampledSum = 0;
            for (Bucket bucket : buckets) {
                count += bucket.count;
                sum += bucket.sum;
                sampledCount += bucket.sampledCount;
                sampledSum += bucket.sampledSum;
            }
            return new Bucket(start, count, sum, sampledCount, sampledSum);
        }

        public @Nullable Double mean() {
            return count == 0 ? null : sum / count;
        }

        public @Nullable Double sampledMean() {
            return sampledCount == 0 ? null : sampledSum / sampledCount;
        }
    }

    /** A ring of hourly buckets addressed by absolute hour number, like the windows' slot rings. */
    private static final class Buckets {

        private final long[] hourOf;

        private final long[] count;

        private final double[] sum;

        private final long[] sampledCount;

        private final double[] sampledSum;

        Buckets(int hours) {
            hourOf = new long[hours];
            java.util.Arrays.fill(hourOf, Long.MIN_VALUE);
            count = new long[hours];
            sum = new double[hours];
            sampledCount = new long[hours];
            sampledSum = new double[hours];
        }

        synchronized void add(long hour, double score, boolean sampled) {
            int at = (int) Math.floorMod(hour, (long) hourOf.length);
            if (hourOf[at] > hour) {
                return;
            }
            if (hourOf[at] != hour) {
                hourOf[at] = hour;
                count[at] = 0;
                sum[at] = 0;
                sampledCount[at] = 0;
                sampledSum[at] = 0;
            }
            count[at]++;
            sum[at] += score;
            if (sampled) {
                sampledCount[at]++;
                sampledSum[at] += score;
            }
        }

        synchronized List<Bucket> between(long first, long last) {
            List<Bucket> list = new ArrayList<>((int) (last - first + 1));
            for (long hour = first; hour <= last; hour++) {
                int at = (int) Math.floorMod(hour, (long) hourOf.length);
                Instant start = Instant.ofEpochMilli(hour * HOUR);
                list.add(hourOf[at] == hour ? new Bucket(start, count[at], sum[at], sampledCount[at], sampledSum[at])
                        : Bucket.empty(start));
            }
            return list;
        }
    }
}
