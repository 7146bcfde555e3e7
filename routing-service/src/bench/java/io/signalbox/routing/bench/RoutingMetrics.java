package io.signalbox.routing.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RouteLLM's router metrics for one set of scores: prompts go to the strong model in descending
 * score order (ties broken by a seeded shuffle, so a constant scorer behaves like random routing).
 * PGR = (quality - weak) / (strong - weak); APGR = the area under the PGR curve over strong-call shares
 * 0..100 % (trapezoid rule over every possible share, so random routing scores 0.5, as in RouteLLM);
 * CPT(x) = the smallest strong-call share reaching PGR x; saving at 95 % = cost saved against
 * all-strong at the smallest share reaching 95 % of the strong model's quality, with the paper's
 * blended prices (strong $24.7 / M tokens, weak $0.24 / M tokens) and equal tokens per call.
 */
record RoutingMetrics(double apgr, double cpt50, double cpt80, double strongShareAt95, double savingAt95) {

    private static final BigDecimal STRONG_PRICE = new BigDecimal("24.7");

    private static final BigDecimal WEAK_PRICE = new BigDecimal("0.24");

    static RoutingMetrics of(List<RouterData.Row> rows, double[] scores, long seed) {
        int n = rows.size();
        Integer[] order = new Integer[n];
        double[] tiebreak = new SplittableRandom(seed).doubles(n).toArray();
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingDouble(i -> tiebreak[i]));
        double strongQuality = rows.stream().filter(RouterData.Row::strongCorrect).count() / (double) n;
        double weakQuality = rows.stream().filter(RouterData.Row::weakCorrect).count() / (double) n;
        double[] qualityAt = new double[n + 1];
        double correct = weakQuality * n;
        qualityAt[0] = weakQuality;
        for (int k = 1; k <= n; k++) {
            RouterData.Row row = rows.get(order[k - 1]);
            correct += (row.strongCorrect() ? 1 : 0) - (row.weakCorrect() ? 1 : 0);
            qualityAt[k] = correct / n;
        }
        double gap = strongQuality - weakQuality;
        double area = 0;
        for (int k = 1; k <= n; k++) {
            area += ((qualityAt[k - 1] + qualityAt[k]) / 2 - weakQuality) / gap;
        }
        double apgr = area / n;
        double share95 = firstShare(qualityAt, 0.95 * strongQuality);
        // Saving against all-strong, in exact decimals: (1 - share) * (strong - weak) / strong.
        BigDecimal weakShare = BigDecimal.ONE.subtract(new BigDecimal(Double.toString(share95)));
        double saving = weakShare.multiply(STRONG_PRICE.subtract(WEAK_PRICE))
                .divide(STRONG_PRICE, MathContext.DECIMAL64).doubleValue();
        return new RoutingMetrics(apgr, firstShare(qualityAt, weakQuality + 0.5 * gap),
                firstShare(qualityAt, weakQuality + 0.8 * gap), share95, saving);
    }

    private static double firstShare(double[] qualityAt, double target) {
        int n = qualityAt.length - 1;
        for (int k = 0; k <= n; k++) {
            if (qualityAt[k] >= target - 1e-12) {
                return (double) k / n;
            }
        }
        return 1.0;
    }

    static RoutingMetrics mean(List<RoutingMetrics> runs) {
        return new RoutingMetrics(runs.stream().mapToDouble(RoutingMetrics::apgr).average().orElseThrow(),
                runs.stream().mapToDouble(RoutingMetrics::cpt50).average().orElseThrow(),
                runs.stream().mapToDouble(RoutingMetrics::cpt80).average().orElseThrow(),
                runs.stream().mapToDouble(RoutingMetrics::strongShareAt95).average().orElseThrow(),
                runs.stream().mapToDouble(RoutingMetrics::savingAt95).average().orElseThrow());
    }
}
