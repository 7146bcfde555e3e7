package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** k = 3 standard deviations, at least 10 spent, at least 50 % above the mean, 7 days of history. */
class SpendAnomalyRuleTests {

    private final SpendAnomalyRule rule = new SpendAnomalyRule(7, new BigDecimal("3"), new BigDecimal("10"),
            new BigDecimal("50"));

    /** 14 days around 100: mean 100, population standard deviation 10. */
    private static final List<BigDecimal> NOISY_HUNDRED = days("90", "110", "90", "110", "90", "110", "90", "110", "90",
            "110", "90", "110", "90", "110");

    @ParameterizedTest(name = "{0} after a baseline of 100 ± 10")
    @CsvSource(textBlock = """
            130,    false, within three standard deviations
            149.99, false, above three standard deviations but not 50 % above the mean
            150,    false, exactly at the bound is not above it
            150.01, true,  above both bounds
            400,    true,  four times the mean
            """)
    void aDayIsAnAnomalyOnlyWhenAboveBothTheStatisticalAndTheRelativeBound(String day, boolean anomaly, String why) {
        assertThat(rule.evaluate(NOISY_HUNDRED, new BigDecimal(day)).isPresent()).as(why).isEqualTo(anomaly);
    }

    @Test
    void aFindingCarriesTheBaselineAndTheBoundItCleared() {
        Optional<SpendAnomalyRule.Finding> finding = rule.evaluate(NOISY_HUNDRED, new BigDecimal("400"));

        assertThat(finding).hasValueSatisfying(found -> {
            assertThat(found.mean()).isEqualByComparingTo("100");
            assertThat(found.stddev()).isEqualByComparingTo("10");
            assertThat(found.bound()).isEqualByComparingTo("150");
        });
    }

    @Test
    void aVolatileBaselineNeedsMoreThanFiftyPercentToAlert() {
        List<BigDecimal> volatileDays = days("20", "180", "20", "180", "20", "180", "20", "180", "20", "180", "20",
                "180", "20", "180"); // mean 100, stddev 80: the bound is 340

        assertThat(rule.evaluate(volatileDays, new BigDecimal("300"))).isEmpty();
        assertThat(rule.evaluate(volatileDays, new BigDecimal("341"))).isPresent();
    }

    @Test
    void smallSumsAreNoAnomalyHoweverUnusual() {
        List<BigDecimal> tiny = Collections.nCopies(14, new BigDecimal("0.10"));

        assertThat(rule.evaluate(tiny, new BigDecimal("9.99"))).as("below the minimum day spend").isEmpty();
        assertThat(rule.evaluate(tiny, new BigDecimal("10"))).isPresent();
    }

    @Test
    void aScopeWithoutEnoughHistoryHasNoBaselineYet() {
        List<BigDecimal> sixDays = days("0", "0", "0", "0", "0", "0", "0", "0", "5", "5", "5", "5", "5", "5");
        List<BigDecimal> sevenDays = days("0", "0", "0", "0", "0", "0", "0", "5", "5", "5", "5", "5", "5", "5");

        assertThat(rule.evaluate(sixDays, new BigDecimal("1000"))).as("spend on 6 of 14 days").isEmpty();
        assertThat(rule.evaluate(sevenDays, new BigDecimal("1000"))).as("spend on 7 of 14 days").isPresent();
        assertThat(rule.evaluate(List.of(), new BigDecimal("1000"))).isEmpty();
    }

    @Test
    void daysWithoutSpendCountAsZeroInTheBaseline() {
        List<BigDecimal> weekdaysOnly = days("100", "100", "100", "100", "100", "0", "0", "100", "100", "100", "100",
                "100", "0", "0"); // mean 71.43, stddev 45.18: bound 206.95

        assertThat(rule.evaluate(weekdaysOnly, new BigDecimal("200"))).isEmpty();
        assertThat(rule.evaluate(weekdaysOnly, new BigDecimal("207"))).hasValueSatisfying(found ->
                assertThat(found.bound()).isEqualByComparingTo("206.954757"));
    }

    private static List<BigDecimal> days(String... spend) {
        return Arrays.stream(spend).map(BigDecimal::new).toList();
    }
}
