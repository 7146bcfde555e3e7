package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;

import io.signalbox.kit.problem.FieldViolation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The state rule routing enforces, and the rules of a definition that span fields. */
class BudgetDefinitionTests {

    @ParameterizedTest(name = "{0} spent, hard limit enforced: {1} -> {2}")
    @CsvSource(textBlock = """
            0,        true,  OK
            79.999999, true, OK
            80,       true,  SOFT
            99.999999, true, SOFT
            100,      true,  HARD
            250,      true,  HARD
            100,      false, SOFT
            250,      false, SOFT
            """)
    void softFromTheSoftLimitPercentHardFromTheAmountWhenEnforced(String spent, boolean enforce, BudgetState state) {
        BudgetDefinition budget = definition("team", "team-1", "100", 80, enforce, List.of(50, 80, 100), null);

        assertThat(budget.stateAt(new BigDecimal(spent))).isEqualTo(state);
        assertThat(budget.hardLimit()).isEqualTo(enforce ? new BigDecimal("100.000000") : null);
        assertThat(budget.softLimit()).isEqualTo(new BigDecimal("80.000000"));
    }

    @Test
    void aSoftLimitAboveTheAmountLetsANonEnforcedBudgetOverrunBeforeSteppingDown() {
        BudgetDefinition budget = definition("team", "team-1", "100", 120, false, List.of(), null);

        assertThat(budget.stateAt(new BigDecimal("110"))).isEqualTo(BudgetState.OK);
        assertThat(budget.stateAt(new BigDecimal("120"))).isEqualTo(BudgetState.SOFT);
    }

    @Test
    void sharesOfTheAmountAreExactToSixPlacesRoundedHalfEven() {
        BudgetDefinition budget = definition("team", "team-1", "0.000015", 50, true, List.of(), null);

        assertThat(budget.share(50)).isEqualTo(new BigDecimal("0.000008")); // 0.0000075 -> half-even
        assertThat(budget.share(30)).isEqualTo(new BigDecimal("0.000004")); // 0.0000045 -> half-even
    }

    @Test
    void thresholdsAreKeptAscendingWithoutDuplicates() {
        assertThat(definition("team", "t", "1", 80, true, List.of(100, 50, 80, 50), null).alertThresholds())
                .containsExactly(50, 80, 100);
    }

    @Test
    void aTagBudgetNamesTheTagAndItsValueAndIsKeyedByThem() {
        BudgetDefinition tag = definition("tag", "project=checkout=v2", "10", 80, true, List.of(), null);

        assertThat(tag.tagName()).isEqualTo("project");
        assertThat(tag.tagValue()).isEqualTo("checkout=v2");
        assertThat(tag.statusKey()).isEqualTo("tag:project=checkout=v2");
        for (String broken : new String[] { "project", "=checkout", "project=" }) {
            assertThatExceptionOfType(InvalidBudgetException.class)
                    .isThrownBy(() -> definition("tag", broken, "10", 80, true, List.of(), null))
                    .satisfies(ex -> assertThat(ex.violations()).extracting(FieldViolation::field)
                            .containsExactly("scopeId"));
        }
    }

    @Test
    void everyBrokenCrossFieldRuleIsReportedAtOnce() {
        assertThatExceptionOfType(InvalidBudgetException.class)
                .isThrownBy(() -> definition("tag", "nothing", "0.0000001", 80, true, List.of(),
                        URI.create("ftp://hooks.example/x")))
                .satisfies(ex -> assertThat(ex.violations()).extracting(FieldViolation::field)
                        .containsExactly("scopeId", "amount", "webhookUrl"));
    }

    @Test
    void changingOnlyLimitsKeepsTheCountersAndChangingWhatIsCountedDoesNot() {
        BudgetDefinition base = definition("team", "team-1", "100", 80, true, List.of(50), null);

        assertThat(base.countsTheSameAs(definition("team", "team-1", "500", 90, false, List.of(), null))).isTrue();
        assertThat(base.countsTheSameAs(definition("team", "team-2", "100", 80, true, List.of(50), null))).isFalse();
        assertThat(base.countsTheSameAs(new BudgetDefinition("b", BudgetScope.TEAM, "team-1", BudgetPeriod.MONTHLY,
                ZoneId.of("Europe/Berlin"), "USD", BigDecimal.ONE, 80, true, List.of(), null))).isFalse();
    }

    private static BudgetDefinition definition(String scope, String scopeId, String amount, int softPercent,
            boolean enforce, List<Integer> thresholds, @Nullable URI webhook) {
        return new BudgetDefinition("budget", BudgetScope.fromWire(scope), scopeId, BudgetPeriod.MONTHLY,
                ZoneId.of("UTC"), "USD", new BigDecimal(amount), softPercent, enforce, thresholds, webhook);
    }
}
