package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import io.signalbox.contracts.catalog.PriceSnapshot;

/**
 * When a day's spend is far above its trailing baseline. The baseline is the spend of each of the previous days
 * (days without spend count as zero). A day is an anomaly when all of these hold:
 * <ul>
 * <li>at least {@code minimumBaselineDays} of the baseline days had spend (a new scope has no baseline yet);</li>
 * <li>the day's spend is at least {@code minimumDaySpend} (small sums are noise, however unusual);</li>
 * <li>it is above the baseline mean plus {@code stddevFactor} population standard deviations;</li>
 * <li>it is at least {@code minimumIncreasePercent} above the mean (a very steady baseline has a tiny standard
 * deviation, and a few percent above it is no anomaly).</li>
 * </ul>
 * The day may still be running: a partial day that already clears the bound is an anomaly.
 */
record SpendAnomalyRule(int minimumBaselineDays, BigDecimal stddevFactor, BigDecimal minimumDaySpend,
        BigDecimal minimumIncreasePercent) {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    Optional<Finding> evaluate(List<BigDecimal> baseline, BigDecimal day) {
        long daysWithSpend = baseline.stream().filter(spend -> spend.signum() > 0).count();
        if (baseline.isEmpty() || daysWithSpend < minimumBaselineDays || day.compareTo(minimumDaySpend) < 0) {
            return Optional.empty();
        }
        BigDecimal count = BigDecimal.valueOf(baseline.size());
        BigDecimal mean = baseline.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(count, PRECISION);
        BigDecimal variance = baseline.stream()
                .map(spend -> spend.subtract(mean).pow(2))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(count, PRECISION);
        BigDecimal stddev = variance.sqrt(PRECISION);
        BigDecimal statistical = mean.add(stddevFactor.multiply(stddev));
        BigDecimal relative = mean.multiply(BigDecimal.ONE.add(minimumIncreasePercent.divide(HUNDRED, PRECISION)));
        BigDecimal bound = statistical.max(relative);
        if (day.compareTo(bound) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Finding(money(mean), money(stddev), money(bound)));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(PriceSnapshot.COST_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @param mean the baseline's mean day spend
     * @param stddev its population standard deviation
     * @param bound the spend the day had to exceed
     */
    record Finding(BigDecimal mean, BigDecimal stddev, BigDecimal bound) {
    }
}
