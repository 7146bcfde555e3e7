package io.signalbox.routing.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.catalog.RouteTarget;
import org.junit.jupiter.api.Test;

import static io.signalbox.routing.budget.Budgets.NOVEMBER;
import static io.signalbox.routing.budget.Budgets.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which budget limits a request, and what a soft limit does to the policy's order. */
class BudgetStatesTests {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final BudgetStates states = new BudgetStates();

    @Test
    void withNoStatusNothingIsLimited() {
        assertThat(states.limiting("tenant-1", "team-1", "key-1", NOW)).isNull();
    }

    @Test
    void aHardLimitAnywhereOutranksASoftOneNearer() {
        states.apply(status("team", "team-1", BudgetStatus.SOFT, NOW));
        states.apply(status("tenant", "tenant-1", BudgetStatus.HARD, NOW));

        assertThat(states.limiting("tenant-1", "team-1", "key-1", NOW)).satisfies(limiting -> {
            assertThat(limiting.scope()).isEqualTo("tenant");
            assertThat(limiting.state()).isEqualTo(BudgetStatus.HARD);
        });
        assertThat(states.limiting("tenant-2", "team-1", "key-1", NOW)).extracting(BudgetStatus::state)
                .isEqualTo(BudgetStatus.SOFT);
        assertThat(states.limiting("tenant-2", "team-2", "key-1", NOW)).isNull();
    }

    @Test
    void aTagBudgetLimitsOnlyRequestsCarryingThatTagValue() {
        states.apply(status("tag", BudgetStatus.tagScopeId("project", "checkout"), BudgetStatus.HARD, NOW));
        states.apply(status("team", "team-1", BudgetStatus.SOFT, NOW));

        assertThat(states.limiting("tenant-1", "team-1", "key-1", Map.of("env", "prod", "project", "checkout"), NOW))
                .as("the tag's hard limit outranks the team's soft one").satisfies(limiting -> {
                    assertThat(limiting.key()).isEqualTo("tag:project=checkout");
                    assertThat(limiting.state()).isEqualTo(BudgetStatus.HARD);
                });
        assertThat(states.limiting("tenant-1", "team-2", "key-1", Map.of("project", "search"), NOW))
                .as("another value of the tag").isNull();
        assertThat(states.limiting("tenant-1", "team-2", "key-1", Map.of("checkout", "project"), NOW))
                .as("name and value are not interchangeable").isNull();
        assertThat(states.limiting("tenant-1", "team-2", "key-1", NOW)).as("a request without tags").isNull();
    }

    @Test
    void anOkStatusAndAStatusOfAPastPeriodLimitNothing() {
        states.apply(status("team", "team-1", BudgetStatus.OK, NOW));
        states.apply(new BudgetStatus("budget-old", "key", "key-1", "2026-10", Instant.parse("2026-10-01T00:00:00Z"),
                NOVEMBER, "USD", new BigDecimal("120"), null, new BigDecimal("100"), BudgetStatus.HARD, NOVEMBER));

        assertThat(states.limiting("tenant-1", "team-1", "key-1", NOW))
                .as("October's exhausted budget does not refuse requests in November").isNull();
    }

    @Test
    void aLateOlderStatusDoesNotUndoANewerOne() {
        states.apply(status("team", "team-1", BudgetStatus.HARD, NOW));
        states.apply(status("team", "team-1", BudgetStatus.OK, NOW.minusSeconds(60)));

        assertThat(states.limiting(null, "team-1", null, NOW)).extracting(BudgetStatus::state)
                .isEqualTo(BudgetStatus.HARD);

        states.remove(BudgetStatus.key("team", "team-1"));
        assertThat(states.limiting(null, "team-1", null, NOW)).as("a deleted budget limits nothing").isNull();
    }

    @Test
    void theNextPeriodsStatusPublishedEarlyDoesNotLiftTheCurrentLimit() {
        states.apply(status("team", "team-1", BudgetStatus.HARD, NOW));
        Instant january = Instant.parse("2027-01-01T00:00:00Z");
        states.apply(new BudgetStatus("budget-team-1", "team", "team-1", "2026-12", Budgets.DECEMBER, january, "USD",
                BigDecimal.ZERO, null, new BigDecimal("100"), BudgetStatus.OK, NOW.plusSeconds(60)));

        assertThat(states.limiting(null, "team-1", null, NOW.plusSeconds(120))).as("November is still exhausted")
                .extracting(BudgetStatus::state).isEqualTo(BudgetStatus.HARD);
        assertThat(states.limiting(null, "team-1", null, Budgets.DECEMBER.plusSeconds(1))).as("December starts fresh")
                .isNull();

        states.apply(new BudgetStatus("budget-team-1", "team", "team-1", "2026-12", Budgets.DECEMBER, january, "USD",
                new BigDecimal("81"), new BigDecimal("80"), new BigDecimal("100"), BudgetStatus.SOFT,
                Budgets.DECEMBER.plusSeconds(3_600)));
        assertThat(states.limiting(null, "team-1", null, Budgets.DECEMBER.plusSeconds(7_200)))
                .extracting(BudgetStatus::state).isEqualTo(BudgetStatus.SOFT);
        assertThat(states.size()).isEqualTo(1);
    }

    @Test
    void aStatusWithAnUnknownStateOrScopeIsRejectedWhenRead() {
        assertThatIllegalArgumentException().isThrownBy(() -> status("team", "team-1", "exhausted", NOW))
                .withMessageContaining("ok, soft or hard");
        assertThatIllegalArgumentException().isThrownBy(() -> status("org", "org-1", BudgetStatus.OK, NOW))
                .withMessageContaining("scope");
    }

    @Test
    void aStatusMissingWhatEnforcementNeedsIsRejectedWhenReadNotWhenARequestArrives() {
        String complete = io.signalbox.contracts.json.ContractJson.toJson(status("team", "team-1", BudgetStatus.HARD, NOW));

        for (String field : new String[] {"spent", "observedAt", "currency", "periodEnd"}) {
            String missing = complete.replaceAll(",\"" + field + "\":(\"[^\"]*\"|[0-9.]+)", "");
            assertThat(missing).as("still well-formed JSON, only without " + field).doesNotContain(field)
                    .endsWith("}").doesNotContain(",}");
            assertThatExceptionOfType(RuntimeException.class).as(field)
                    .isThrownBy(() -> io.signalbox.contracts.json.ContractJson.fromJson(missing, BudgetStatus.class));
        }
    }

    @Test
    void aSoftLimitPutsTheNearestCheaperTierFirstAndKeepsTheRestAsFallbacks() {
        List<RouteTarget> policyOrder = targets("premium-a", "premium-b", "standard", "economy");

        TierStepDown.Result stepped = TierStepDown.apply(policyOrder, BudgetStatesTests::rank);

        assertThat(stepped.ordered()).extracting(RouteTarget::modelId)
                .containsExactly("standard", "premium-a", "premium-b", "economy");
        assertThat(stepped.fromTier()).isEqualTo("premium");
        assertThat(stepped.toTier()).isEqualTo("standard");
    }

    @Test
    void aSoftLimitChangesNothingWhenThePolicyAlreadyChoseTheCheapestTier() {
        List<RouteTarget> policyOrder = targets("economy", "premium-a", "unranked");

        TierStepDown.Result stepped = TierStepDown.apply(policyOrder, BudgetStatesTests::rank);

        assertThat(stepped.steppedDown()).isFalse();
        assertThat(stepped.ordered()).isEqualTo(policyOrder);
        assertThat(TierStepDown.apply(targets("unranked", "economy"), BudgetStatesTests::rank).steppedDown())
                .as("a first choice of unknown tier is not stepped down").isFalse();
    }

    private static List<RouteTarget> targets(String... modelIds) {
        return java.util.Arrays.stream(modelIds).map(id -> new RouteTarget(id, 1)).toList();
    }

    private static int rank(String modelId) {
        return modelId.startsWith("premium") ? 2 : modelId.equals("standard") ? 1 : modelId.equals("economy") ? 0 : -1;
    }
}
