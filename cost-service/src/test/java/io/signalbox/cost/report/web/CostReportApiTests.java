package io.signalbox.cost.report.web;

import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

class CostReportApiTests extends CostIntegrationTestSupport {

    private static final PriceSnapshot MINI = price("price-mini", "model-mini", "USD", "0.15", "0.60", "0.075");

    @Test
    void reportsOneRowPerTeamSortedByCostWithExactDecimalStrings() {
        UsageRecorded big = usage().team("team-x").tokens(400_000, 100_000, 100_000).at("2026-06-01T01:00:00Z").build();
        UsageRecorded small = usage().team("team-x").tokens(1_000, 10, 0).at("2026-06-01T02:00:00Z").build();
        UsageRecorded mini = usage().team("team-y").model("model-mini", "mini").price(MINI)
                .tokens(10_000_000, 0, 0).at("2026-06-01T03:00:00Z").build();
        UsageRecorded halfEven = usage().team(null).tokens(123_457, 7, null).at("2026-06-01T23:59:59.999Z").build();
        for (UsageRecorded event : new UsageRecorded[] { small, mini, halfEven, big }) {
            publish(event);
        }
        awaitStored(big, small, mini, halfEven);

        assertThat(getReport("from", "2026-06-01", "to", "2026-06-02"))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        {"from": "2026-06-01T00:00:00Z", "to": "2026-06-02T00:00:00Z", "timeZone": "UTC",
                         "groupBy": "team", "source": "daily-rollups",
                         "rows": [
                           {"group": "team-x", "team": "team-x", "currency": "USD", "requests": 2,
                            "promptTokens": 401000, "completionTokens": 100010, "cachedPromptTokens": 100000,
                            "reasoningTokens": 0, "estimatedRequests": 0, "unpricedRequests": 0, "cost": "1.877600"},
                           {"group": "team-y", "team": "team-y", "currency": "USD", "requests": 1,
                            "promptTokens": 10000000, "completionTokens": 0, "cachedPromptTokens": 0,
                            "reasoningTokens": 0, "estimatedRequests": 0, "unpricedRequests": 0, "cost": "1.500000"},
                           {"group": "(none)", "team": "(none)", "currency": "USD", "requests": 1,
                            "promptTokens": 123457, "completionTokens": 7, "cachedPromptTokens": 0,
                            "reasoningTokens": 0, "estimatedRequests": 0, "unpricedRequests": 0, "cost": "0.308712"}],
                         "totals": [{"currency": "USD", "requests": 4, "cost": "3.686312"}]}
                        """);
    }

    @Test
    void csvHasAHeaderAndOneRfc4180RowPerGroup() {
        UsageRecorded quoted = usage().team("acme, \"blue\" team").tokens(1_000, 1_000, 0).at("2026-06-02T10:00:00Z").build();
        UsageRecorded plain = usage().team("plain").model("model-mini", "mini").price(MINI).tokens(1_000, 0, 0)
                .at("2026-06-02T11:00:00Z").build();
        publish(quoted);
        publish(plain);
        awaitStored(quoted, plain);

        assertThat(getReport(MediaType.parseMediaType("text/csv"), "from", "2026-06-02", "to", "2026-06-03"))
                .hasStatusOk()
                .hasHeader(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8")
                .hasBodyTextEqualTo("group,team,currency,requests,promptTokens,completionTokens,cachedPromptTokens,"
                        + "reasoningTokens,estimatedRequests,unpricedRequests,cost\r\n"
                        + "\"acme, \"\"blue\"\" team\",\"acme, \"\"blue\"\" team\",USD,1,1000,1000,0,0,0,0,0.012500\r\n"
                        + "plain,plain,USD,1,1000,0,0,0,0,0,0.000150\r\n");
    }

    @Test
    void clientsThatAcceptAnythingGetJson() {
        assertThat(mvc.get().uri("/api/v1/reports/costs?from=2026-06-02&to=2026-06-03")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .header(HttpHeaders.ACCEPT, "*/*"))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    @ParameterizedTest(name = "groupBy={0}")
    @CsvSource(delimiter = '|', textBlock = """
            model  | gpt-test,model-raw
            tenant | tenant-m1,tenant-m2
            TEAM   | team-m
            """)
    void groupsByModelNameFallingBackToTheIdAndByTenant(String groupBy, String expectedGroups) {
        // Fixed event ids: publishing again for every parameter must not add line items.
        UsageRecorded named = usage().eventId(UUID.fromString("00000000-0000-0000-0000-000000000601"))
                .tenant("tenant-m1").team("team-m").tokens(1_000, 0, 0).at("2026-06-03T10:00:00Z").build();
        UsageRecorded unnamed = usage().eventId(UUID.fromString("00000000-0000-0000-0000-000000000602"))
                .tenant("tenant-m2").team("team-m").model("model-raw", null).price(MINI).tokens(1_000, 0, 0)
                .at("2026-06-03T11:00:00Z").build();
        publish(named);
        publish(unnamed);
        awaitStored(named, unnamed);

        assertThat(reportJson("from", "2026-06-03", "to", "2026-06-04", "groupBy", groupBy).get("rows"))
                .extracting(row -> row.get("group").asString())
                .containsExactly(expectedGroups.split(","));
    }

    @Test
    void periodIncludesItsStartAndExcludesItsEnd() {
        UsageRecorded atStart = usage().team("team-edges").at("2026-06-04T10:00:00Z").build();
        UsageRecorded inside = usage().team("team-edges").at("2026-06-04T10:59:59.999999Z").build();
        UsageRecorded atEnd = usage().team("team-edges").at("2026-06-04T11:00:00Z").build();
        publish(atStart);
        publish(inside);
        publish(atEnd);
        awaitStored(atStart, inside, atEnd);

        assertThat(reportJson("from", "2026-06-04T12:00:00+02:00", "to", "2026-06-04T11:00:00Z")
                .get("totals").get(0).get("requests").asLong()).isEqualTo(2);
        assertThat(reportJson("from", "2026-06-04T11:00:00Z", "to", "2026-06-05")
                .get("totals").get(0).get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void emptyPeriodHasNoRowsAndNoTotals() {
        assertThat(getReport("from", "1999-01-01", "to", "1999-02-01"))
                .hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        {"from": "1999-01-01T00:00:00Z", "to": "1999-02-01T00:00:00Z", "timeZone": "UTC",
                         "groupBy": "team", "source": "daily-rollups", "rows": [], "totals": []}
                        """);
    }

    @ParameterizedTest(name = "from={0} to={1} groupBy={2}")
    @CsvSource(nullValues = "-", textBlock = """
            -,                   2026-06-02,          team,    from
            yesterday,           2026-06-02,          team,    from
            2026-06-01T00:00:00, 2026-06-02,          team,    from
            2026-13-01,          2026-06-02,          team,    from
            2026-06-01,          -,                   team,    to
            2026-06-02,          2026-06-01,          team,    to
            2026-06-01,          2026-06-01T00:00:00Z, team,   to
            2026-06-01,          2026-06-02,          project, groupBy
            """)
    void rejectsABadQueryWithAProblemNamingTheParameter(String from, String to, String groupBy, String parameter) {
        String[] params = from == null
                ? new String[] { "to", to, "groupBy", groupBy }
                : to == null ? new String[] { "from", from, "groupBy", groupBy }
                : new String[] { "from", from, "to", to, "groupBy", groupBy };

        assertThat(getReport(params))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/invalid-report-query"))
                .hasPathSatisfying("$.status", status -> assertThat(status).asNumber().isEqualTo(400))
                .hasPathSatisfying("$.parameter", name -> assertThat(name).asString().isEqualTo(parameter))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().contains(parameter));
    }

    @Test
    void csvClientsAreToldAboutBadQueriesWithAProblemToo() {
        assertThat(getReport(MediaType.parseMediaType("text/csv"), "from", "2026-06-02", "to", "2026-06-01"))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.parameter", name -> assertThat(name).asString().isEqualTo("to"));
    }

    @Test
    void aFinanceCredentialReadsTheReports() {
        assertThat(mvc.get().uri("/api/v1/reports/costs?from=2026-06-01&to=2026-06-02")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + FINANCE_TOKEN))
                .hasStatusOk();
    }

    @Test
    void reportsNeedTheAdminToken() {
        assertThat(mvc.get().uri("/api/v1/reports/costs?from=2026-06-01&to=2026-06-02"))
                .hasStatus(401)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/unauthorized"));
        assertThat(mvc.get().uri("/api/v1/reports/costs?from=2026-06-01&to=2026-06-02")
                .header(HttpHeaders.AUTHORIZATION, "Bearer internal-token-0123456789"))
                .as("the internal token is not a finance credential")
                .hasStatus(401);
    }
}
