package io.signalbox.cost.access;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import io.signalbox.cost.TestJwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance and admin credentials see every team; a team-scoped credential (a static token with a team, or a
 * JWT with a team claim) sees only its own and is refused, not narrowed, when it asks for another. October
 * 2026, teams of this class only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamScopeApiTests extends CostIntegrationTestSupport {

    private static final String OTHER_TEAM = "team-scope-other";

    private static final String[] OCTOBER = { "from", "2026-10-01", "to", "2026-11-01" };

    @BeforeAll
    void spendInBothTeams() {
        UsageRecorded own = usage().team(SCOPED_TEAM).tokens(1_000, 100, 0).at("2026-10-05T10:00:00Z").build();
        UsageRecorded other = usage().team(OTHER_TEAM).tokens(9_000, 900, 0).at("2026-10-06T10:00:00Z").build();
        publish(own);
        publish(other);
        awaitStored(own, other);
    }

    static List<String> scopedTokens() {
        return List.of(TEAM_FINANCE_TOKEN, TestJwts.token("carol", List.of("finance"), SCOPED_TEAM));
    }

    @Test
    void financeSeesEveryTeam() {
        assertThat(teams(jsonAs(FINANCE_TOKEN, "/api/v1/reports/costs", OCTOBER)))
                .contains(SCOPED_TEAM, OTHER_TEAM);
        assertThat(teams(jsonAs(TestJwts.token("dave", List.of("finance"), null), "/api/v1/reports/costs", OCTOBER)))
                .as("a JWT without a team claim").contains(SCOPED_TEAM, OTHER_TEAM);
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(ints = { 0, 1 })
    void aTeamScopedCredentialSeesOnlyItsTeam(int credential) {
        String token = scopedTokens().get(credential);

        assertThat(teams(jsonAs(token, "/api/v1/reports/costs", OCTOBER))).containsExactly(SCOPED_TEAM);
        assertThat(teams(jsonAs(token, "/api/v1/reports/costs", "from", "2026-10-01", "to", "2026-11-01",
                "team", SCOPED_TEAM))).containsExactly(SCOPED_TEAM);
        assertThat(jsonAs(token, "/api/v1/reports/costs", "from", "2026-10-01", "to", "2026-11-01", "groupBy", "tenant")
                .get("totals").get(0).get("requests").asLong()).as("other groupings too").isEqualTo(1);
        assertThat(jsonAs(token, "/api/v1/reports/top-spenders", OCTOBER).get("rows"))
                .extracting(row -> row.get("group").asString()).containsExactly(SCOPED_TEAM);
        assertThat(getAs(token, "/api/v1/reports/statements/" + SCOPED_TEAM, "month", "2026-10")).hasStatusOk();
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(ints = { 0, 1 })
    void aTeamScopedCredentialAskingForAnotherTeamIsForbidden(int credential) {
        String token = scopedTokens().get(credential);

        assertForbidden(getAs(token, "/api/v1/reports/costs", "from", "2026-10-01", "to", "2026-11-01", "team", OTHER_TEAM));
        assertForbidden(getAs(token, "/api/v1/reports/costs", "from", "2026-10-01", "to", "2026-11-01",
                "team", SCOPED_TEAM, "team", OTHER_TEAM));
        assertForbidden(getAs(token, "/api/v1/reports/period-over-period", "from", "2026-10-01", "to", "2026-11-01",
                "team", OTHER_TEAM));
        assertForbidden(getAs(token, "/api/v1/reports/statements/" + OTHER_TEAM, "month", "2026-10"));
    }

    @Test
    void aTeamScopedAdminMayNotIssueAnotherTeamsStatement() {
        assertForbidden(postAs(TEAM_ADMIN_TOKEN, "/api/v1/reports/statements/" + OTHER_TEAM + "?month=2026-10", null));
    }

    private static void assertForbidden(MvcTestResult result) {
        assertThat(result)
                .hasStatus(403)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/forbidden"))
                .hasPathSatisfying("$.team", team -> assertThat(team).asString().isEqualTo(SCOPED_TEAM))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().contains(SCOPED_TEAM));
    }

    private static List<String> teams(JsonNode report) {
        List<String> teams = new ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            teams.add(row.get("group").asString());
        }
        return teams;
    }
}
