package io.signalbox.cost.statement;

import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.GPT_PRICE;
import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Monthly statements per team, August 2026; every test has a team of its own. */
class StatementApiTests extends CostIntegrationTestSupport {

    private static final PriceSnapshot MINI = price("price-mini", "model-mini", "USD", "0.15", "0.60", "0.075");

    @Test
    void draftHasALinePerModelWithTotalsAndFlagsEstimatedTokens() {
        String team = team();
        UsageRecorded reported = usage().team(team).tokens(1_000_000, 100_000, 0).at("2026-08-03T10:00:00Z").build();
        UsageRecorded estimated = usage().team(team).tokens(2_000, 1_000, null, null, true).at("2026-08-31T23:59:00Z").build();
        UsageRecorded mini = usage().team(team).model("model-mini", "mini").price(MINI).tokens(1_000_000, 0, 0)
                .at("2026-08-15T10:00:00Z").build();
        UsageRecorded unpriced = usage().team(team).model(null, null).price(null).tokens(10, 10, null)
                .at("2026-08-16T10:00:00Z").build();
        UsageRecorded september = usage().team(team).at("2026-09-01T00:00:00Z").build();
        publishAll(reported, estimated, mini, unpriced, september);

        JsonNode statement = jsonAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team, "month", "2026-08");

        assertThat(statement.get("status").asString()).isEqualTo("draft");
        assertThat(statement.get("revision").isNull()).isTrue();
        assertThat(statement.get("from").asString()).isEqualTo("2026-08-01T00:00:00Z");
        assertThat(statement.get("to").asString()).isEqualTo("2026-09-01T00:00:00Z");
        assertThat(statement.get("lines")).extracting(line -> line.get("model").asString() + "|"
                + text(line.get("currency")) + "|" + line.get("requests").asLong() + "|"
                + line.get("tokensEstimated").asBoolean() + "|" + line.get("cost").asString())
                .containsExactly("gpt-test|USD|2|true|3.515000", "mini|USD|1|false|0.150000", "(none)|null|1|false|0.000000");
        assertThat(statement.get("totals")).extracting(total -> text(total.get("currency")) + " "
                + total.get("requests").asLong() + " " + total.get("estimatedRequests").asLong() + " "
                + total.get("cost").asString())
                .containsExactly("USD 3 1 3.665000", "null 1 0 0.000000");
        assertThat(money(statement.get("totals").get(0).get("cost"))).isEqualTo(GPT_PRICE.costOf(reported.usage())
                .add(GPT_PRICE.costOf(estimated.usage())).add(MINI.costOf(mini.usage())));
    }

    @Test
    void anIssuedStatementNeverChangesEvenWhenLateUsageArrives() {
        String team = team();
        UsageRecorded first = usage().team(team).tokens(100_000, 10_000, 0).at("2026-08-10T10:00:00Z").build();
        publishAll(first);

        JsonNode issued = bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/statements/" + team + "?month=2026-08", null), 201);
        UsageRecorded late = usage().team(team).tokens(500_000, 0, 0).at("2026-08-20T10:00:00Z").build();
        publishAll(late);

        assertThat(issued.get("status").asString()).isEqualTo("issued");
        assertThat(issued.get("revision").asInt()).isEqualTo(1);
        assertThat(issued.get("issuedBy").asString()).isEqualTo("admin");
        JsonNode later = jsonAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team, "month", "2026-08");
        assertThat(later).as("the issued statement, unchanged").isEqualTo(issued);
        assertThat(money(jsonAs(FINANCE_TOKEN, "/api/v1/reports/costs", "from", "2026-08-01", "to", "2026-09-01",
                "team", team).get("totals").get(0).get("cost")))
                .as("cost reports show the late usage")
                .isEqualTo(GPT_PRICE.costOf(first.usage()).add(GPT_PRICE.costOf(late.usage())));
        assertThat(postAs(ADMIN_TOKEN, "/api/v1/reports/statements/" + team + "?month=2026-08", null))
                .hasStatus(409)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/statement-already-issued"))
                .hasPathSatisfying("$.revision", revision -> assertThat(revision).asNumber().isEqualTo(1));
        UUID id = UUID.fromString(issued.get("statementId").asString());
        assertThatException().as("the database refuses to change an issued line")
                .isThrownBy(() -> jdbc.sql("update cost_statement_lines set cost = 0 where statement_id = :id")
                        .param("id", id).update())
                .withMessageContaining("never changed");
        assertThatException().isThrownBy(() -> jdbc.sql("delete from cost_statements where id = :id")
                .param("id", id).update());
    }

    @Test
    void theIssuedStatementCanBeReadByRevisionAndAsCsv() {
        String team = team();
        UsageRecorded event = usage().team(team).tokens(3_000, 700, 1_000, null, true).at("2026-08-12T10:00:00Z").build();
        publishAll(event);
        bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/statements/" + team + "?month=2026-08", null), 201);

        assertThat(getAs(FINANCE_TOKEN, MediaType.parseMediaType("text/csv"), "/api/v1/reports/statements/" + team,
                "month", "2026-08", "revision", "1"))
                .hasStatusOk()
                .hasHeader(HttpHeaders.CONTENT_TYPE, "text/csv;charset=UTF-8")
                .hasBodyTextEqualTo("model,currency,requests,promptTokens,completionTokens,cachedPromptTokens,"
                        + "reasoningTokens,estimatedRequests,tokensEstimated,unpricedRequests,cost\r\n"
                        + "gpt-test,USD,1,3000,700,1000,0,1,true,0," + GPT_PRICE.costOf(event.usage()).toPlainString()
                        + "\r\n");
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team, "month", "2026-08", "revision", "2"))
                .hasStatus(404)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/statement-not-found"));
    }

    @Test
    void aMonthThatHasNotEndedCannotBeIssued() {
        assertThat(postAs(ADMIN_TOKEN, "/api/v1/reports/statements/" + team() + "?month=2099-01", null))
                .hasStatus(409)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/statement-period-open"));
    }

    @Test
    void onlyAdminsIssueAndAMonthIsRequired() {
        assertThat(postAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team() + "?month=2026-08", null))
                .as("finance reads statements but does not issue them").hasStatus(403);
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team()))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying("$.parameter", parameter -> assertThat(parameter).asString().isEqualTo("month"));
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team(), "month", "August"))
                .hasStatus(400);
    }

    private void publishAll(UsageRecorded... events) {
        for (UsageRecorded event : events) {
            publish(event);
        }
        awaitStored(events);
    }

    private static String team() {
        return "team-stmt-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String text(JsonNode node) {
        return node.isNull() ? "null" : node.asString();
    }
}
