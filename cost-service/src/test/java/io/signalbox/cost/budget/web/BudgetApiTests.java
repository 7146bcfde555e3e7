package io.signalbox.cost.budget.web;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import io.signalbox.cost.budget.BudgetIntegrationTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetApiTests extends BudgetIntegrationTestSupport {

    @Test
    void createsABudgetWithTheDefaultsAndShowsWhereItStandsNow() {
        String team = unique("team-api");
        MvcTestResult created = post("/api/v1/budgets", """
                {"name": "Checkout team", "scope": "team", "scopeId": "%s", "period": "monthly",
                 "currency": "USD", "amount": 250}""".formatted(team));

        assertThat(created).hasStatus(201).hasHeader(HttpHeaders.ETAG, "\"1\"");
        JsonNode budget = body(created, 201);
        String id = budget.get("id").asString();
        assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/v1/budgets/" + id);
        assertThat(budget.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(budget.get("amount").asString()).isEqualTo("250.000000");
        assertThat(budget.get("softLimitPercent").asInt()).isEqualTo(80);
        assertThat(budget.get("enforceHardLimit").asBoolean()).isTrue();
        assertThat(budget.get("alertThresholds").toString()).isEqualTo("[50,80,100]");
        assertThat(budget.get("webhookUrl").isNull()).isTrue();
        assertThat(budget.get("revision").asLong()).isEqualTo(1);
        JsonNode current = budget.get("current");
        Instant start = Instant.parse(current.get("periodStart").asString());
        assertThat(current.get("period").asString())
                .isEqualTo(YearMonth.from(start.atOffset(ZoneOffset.UTC)).toString());
        assertThat(start.atOffset(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(1);
        assertThat(current.get("spent").asString()).isEqualTo("0.000000");
        assertThat(current.get("softLimit").asString()).isEqualTo("200.000000");
        assertThat(current.get("hardLimit").asString()).isEqualTo("250.000000");
        assertThat(current.get("state").asString()).isEqualTo("ok");
        assertThat(current.get("statusKey").asString()).isEqualTo("team:" + team);

        assertThat(mvc.get().uri("/api/v1/budgets/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN))
                .hasStatusOk()
                .hasHeader(HttpHeaders.ETAG, "\"1\"")
                .bodyJson().extractingPath("$.scopeId").isEqualTo(team);
    }

    @Test
    void listsBudgetsFilteredByScopePeriodCurrencyAndState() {
        String team = unique("team-list");
        String tenant = unique("tenant-list");
        createBudget(teamBudget(team, "100", ""));
        createBudget("""
                {"name": "tenant daily", "scope": "tenant", "scopeId": "%s", "period": "daily",
                 "timeZone": "Europe/Berlin", "currency": "EUR", "amount": "5.5"}""".formatted(tenant));

        assertThat(getJson("/api/v1/budgets?scope=team&scopeId=" + team).get("items"))
                .extracting(item -> item.get("scopeId").asString()).containsExactly(team);
        JsonNode daily = getJson("/api/v1/budgets?period=daily&currency=EUR&state=ok&scopeId=" + tenant);
        assertThat(daily.get("total").asLong()).isEqualTo(1);
        assertThat(daily.get("items").get(0).get("current").get("period").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(getJson("/api/v1/budgets?state=hard&scopeId=" + tenant).get("total").asLong()).isZero();
        assertThat(getJson("/api/v1/budgets?scope=tenant&scopeId=" + team).get("items")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "name": null                             | name               | must not be blank
            "scope": "org"                           | scope              | must be one of tenant, team, key, tag
            "period": "weekly"                       | period             | must be daily or monthly
            "timeZone": "+02:00"                     | timeZone           | must be an IANA time zone id
            "currency": "usd"                        | currency           | ISO 4217
            "amount": 0                              | amount             | must be greater than 0
            "amount": "0.0000001"                    | amount             | numeric value out of bounds
            "amount": "lots"                         | amount             | has the wrong type or format
            "softLimitPercent": 0                    | softLimitPercent   | must be greater than or equal to 1
            "alertThresholds": [50, 1001]            | alertThresholds[1] | must be less than or equal to 1000
            "scope": "tag", "scopeId": "project"     | scopeId            | <tagName>=<value>
            "webhookUrl": "ftp://hooks.example/b"    | webhookUrl         | http or https
            """)
    void refusesABrokenBudgetNamingTheField(String change, String field, String message) {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"name": "b", "scope": "team", "scopeId": "t", "period": "daily", "currency": "USD", "amount": 1}""");
        body.setAll((ObjectNode) JSON.readTree("{" + change + "}"));

        assertThat(post("/api/v1/budgets", body.toString()))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/validation-failed"))
                .hasPathSatisfying("$.errors[0].field", name -> assertThat(name).asString().isEqualTo(field))
                .hasPathSatisfying("$.errors[0].message", text -> assertThat(text).asString().contains(message))
                .hasPathSatisfying("$.errors", errors -> assertThat(errors).asList().hasSize(1));
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThat(post("/api/v1/budgets", "{\"name\": "))
                .hasStatus(400)
                .bodyJson().extractingPath("$.type").isEqualTo("https://signalbox.io/problems/malformed-request");
    }

    @Test
    void refusesBadListParametersNamingEach() {
        assertThat(mvc.get().uri("/api/v1/budgets?scope=org&state=exhausted&size=0")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying("$.errors[*].field", fields -> assertThat(fields).asList()
                        .containsExactly("scope", "size", "state"));
    }

    @Test
    void oneBudgetPerScopeSoTheirStatusesCannotOverwriteEachOther() {
        String team = unique("team-twice");
        String first = createBudget(teamBudget(team, "100", "")).get("id").asString();

        assertThat(post("/api/v1/budgets", """
                {"name": "daily too", "scope": "team", "scopeId": "%s", "period": "daily", "currency": "USD",
                 "amount": 5}""".formatted(team)))
                .hasStatus(409)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/already-exists"))
                .hasPathSatisfying("$.existingBudgetId", existing -> assertThat(existing).asString().isEqualTo(first))
                .hasPathSatisfying("$.statusKey", key -> assertThat(key).asString().isEqualTo("team:" + team));
    }

    @Test
    void anUpdateNeedsTheRevisionItWasMadeAgainst() {
        String team = unique("team-update");
        String id = createBudget(teamBudget(team, "100", "")).get("id").asString();
        String raised = teamBudget(team, "300", "\"softLimitPercent\": 90, \"alertThresholds\": [75],");

        assertThat(put(id, null, raised)).hasStatus(428)
                .bodyJson().extractingPath("$.type").isEqualTo("https://signalbox.io/problems/if-match-required");
        assertThat(put(id, "\"7\"", raised)).hasStatus(412)
                .hasHeader(HttpHeaders.ETAG, "\"1\"")
                .bodyJson().extractingPath("$.currentRevision").isEqualTo(1);

        MvcTestResult updated = put(id, "\"1\"", raised);
        assertThat(updated).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"2\"");
        JsonNode budget = body(updated, 200);
        assertThat(budget.get("amount").asString()).isEqualTo("300.000000");
        assertThat(budget.get("current").get("softLimit").asString()).isEqualTo("270.000000");
        assertThat(budget.get("alertThresholds").toString()).isEqualTo("[75]");
        assertThat(put(id, "\"1\"", raised)).as("the same change again, against the old revision").hasStatus(412);
    }

    @Test
    void anUpdateCannotMoveABudgetOntoAScopeThatHasOne() {
        String taken = unique("team-taken");
        createBudget(teamBudget(taken, "100", ""));
        String id = createBudget(teamBudget(unique("team-mover"), "100", "")).get("id").asString();

        assertThat(put(id, "*", teamBudget(taken, "100", ""))).hasStatus(409);
    }

    @Test
    void deletingABudgetMakesItGone() {
        String id = createBudget(teamBudget(unique("team-delete"), "100", "")).get("id").asString();

        assertThat(delete(id, "\"9\"")).as("a stale revision").hasStatus(412);
        assertThat(delete(id, null)).hasStatus(204);
        assertThat(mvc.get().uri("/api/v1/budgets/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN))
                .hasStatus(404)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/not-found"))
                .hasPathSatisfying("$.id", given -> assertThat(given).asString().isEqualTo(id));
        assertThat(delete(id, null)).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/budgets/not-a-budget/alerts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)).hasStatus(404);
    }

    @Test
    void financeSetsBudgetsAndAnonymousCallersAreTurnedAway() {
        assertThat(mvc.post().uri("/api/v1/budgets").header(HttpHeaders.AUTHORIZATION, "Bearer " + FINANCE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(teamBudget(unique("team-finance"), "10", "")))
                .hasStatus(201);
        assertThat(mvc.get().uri("/api/v1/budgets")).hasStatus(401);
        assertThat(mvc.post().uri("/api/v1/budgets").header(HttpHeaders.AUTHORIZATION,
                        "Bearer internal-token-0123456789")
                .contentType(MediaType.APPLICATION_JSON).content(teamBudget(unique("team-internal"), "10", "")))
                .as("the internal token is no finance credential").hasStatus(401);
    }

    @Test
    void aTeamScopedCredentialReadsOnlyItsTeamsBudgetAndChangesNone() {
        String own = createBudget(teamBudget(SCOPED_TEAM, "1000000", "")).get("id").asString();
        String other = createBudget(teamBudget(unique("team-other"), "10", "")).get("id").asString();
        try {
            assertThat(mvc.get().uri("/api/v1/budgets")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TEAM_FINANCE_TOKEN))
                    .hasStatusOk()
                    .bodyJson().extractingPath("$.items[*].id").asArray().containsExactly(own);
            assertThat(mvc.get().uri("/api/v1/budgets/" + own + "/alerts")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TEAM_FINANCE_TOKEN)).hasStatusOk();
            assertThat(mvc.get().uri("/api/v1/budgets/" + other)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TEAM_FINANCE_TOKEN))
                    .as("another team's budget does not exist for it").hasStatus(404);
            assertThat(mvc.delete().uri("/api/v1/budgets/" + own)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TEAM_ADMIN_TOKEN))
                    .as("not even a team-scoped admin changes budgets")
                    .hasStatus(403)
                    .bodyJson().extractingPath("$.type").isEqualTo("https://signalbox.io/problems/forbidden");
        }
        finally {
            assertThat(delete(own, null)).hasStatus(204);
        }
    }

    private MvcTestResult put(String id, @Nullable String ifMatch, String json) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.put().uri("/api/v1/budgets/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(json);
        if (ifMatch != null) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.exchange();
    }

    private MvcTestResult delete(String id, @Nullable String ifMatch) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.delete().uri("/api/v1/budgets/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
        if (ifMatch != null) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.exchange();
    }
}
