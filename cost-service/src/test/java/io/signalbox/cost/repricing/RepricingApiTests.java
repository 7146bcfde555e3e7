package io.signalbox.cost.repricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Re-pricing in September 2026. Every test re-prices a model of its own, so runs never touch another test's
 * line items.
 */
class RepricingApiTests extends CostIntegrationTestSupport {

    private static final String CORRECTED = """
            {"priceId": "price-corrected", "currency": "USD", "inputPerMillion": "2.00", "outputPerMillion": 8,
             "cachedInputPerMillion": "0.50", "reasoningPerMillion": "12.000001"}""";

    @Test
    void repricesOneModelsLineItemsAndRollupsTogetherAndRecordsTheRun() {
        String model = model();
        PriceSnapshot wrong = price("price-wrong", model, "USD", "3.00", "12.00", "1.50");
        PriceSnapshot euro = price("price-eur", model, "EUR", "1.00", "1.00", "1.00");
        UsageRecorded plain = usage().team("team-rp").model(model, "rp").price(wrong).tokens(100_000, 20_000, 0)
                .at("2026-09-02T10:00:00Z").build();
        UsageRecorded cachedAndReasoning = usage().team("team-rp").model(model, "rp").price(wrong)
                .tokens(50_000, 9_000, 30_000, 4_000, false).at("2026-09-10T10:00:00Z").build();
        UsageRecorded inEuros = usage().team("team-rp-eu").model(model, "rp").price(euro).tokens(10_000, 1_000, 0)
                .at("2026-09-11T10:00:00Z").build();
        UsageRecorded unpriced = usage().team("team-rp").model(model, "rp").price(null).tokens(7_000, 3_000, null)
                .at("2026-09-12T10:00:00Z").build();
        UsageRecorded outside = usage().team("team-rp").model(model, "rp").price(wrong).tokens(1_000, 0, 0)
                .at("2026-10-01T00:00:00Z").build();
        UsageRecorded otherModel = usage().team("team-rp").price(wrong).model("model-other-" + model, "other")
                .tokens(1_000, 0, 0).at("2026-09-02T11:00:00Z").build();
        List<UsageRecorded> events = List.of(plain, cachedAndReasoning, inEuros, unpriced, outside, otherModel);
        events.forEach(CostIntegrationTestSupport::publish);
        awaitStored(events);

        JsonNode run = bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/repricing", request(model, "2026-09-01", "2026-10-01",
                false, false)), 201);

        PriceSnapshot corrected = new PriceSnapshot("price-corrected", model, "USD", new BigDecimal("2.00"),
                new BigDecimal("8"), new BigDecimal("0.50"), Instant.parse("2026-09-01T00:00:00Z"),
                new BigDecimal("12.000001"));
        assertThat(run.get("lineItems").asLong()).isEqualTo(4);
        assertThat(run.get("requestedBy").asString()).isEqualTo("admin");
        assertThat(run.get("before")).extracting(total -> text(total.get("currency")) + " " + total.get("requests").asLong()
                + " " + total.get("cost").asString()).containsExactly(
                        "EUR 1 " + euro.costOf(inEuros.usage()).toPlainString(),
                        "USD 2 " + wrong.costOf(plain.usage()).add(wrong.costOf(cachedAndReasoning.usage())).toPlainString(),
                        "null 1 0.000000");
        BigDecimal correctedTotal = corrected.costOf(plain.usage()).add(corrected.costOf(cachedAndReasoning.usage()))
                .add(corrected.costOf(inEuros.usage())).add(corrected.costOf(unpriced.usage()));
        assertThat(run.get("after")).extracting(total -> total.get("currency").asString() + " "
                + total.get("requests").asLong() + " " + total.get("cost").asString())
                .containsExactly("USD 4 " + correctedTotal.toPlainString());
        for (UsageRecorded event : List.of(plain, cachedAndReasoning, inEuros, unpriced)) {
            Map<String, Object> item = lineItem(event);
            assertThat((BigDecimal) item.get("cost")).as("re-priced with costOf").isEqualByComparingTo(corrected.costOf(event.usage()));
            assertThat(item).containsEntry("currency", "USD").containsEntry("price_id", "price-corrected")
                    .containsEntry("unpriced", false).containsEntry("repricing_run_id", UUID.fromString(run.get("id").asString()));
        }
        assertThat((BigDecimal) lineItem(outside).get("cost")).isEqualByComparingTo(wrong.costOf(outside.usage()));
        assertThat((BigDecimal) lineItem(otherModel).get("cost")).isEqualByComparingTo(wrong.costOf(otherModel.usage()));
        for (String source : List.of("daily-rollups", "hourly-rollups")) {
            assertThat(withoutSource(report(source))).as("rollups after re-pricing, " + source)
                    .isEqualTo(withoutSource(report("line-items")));
        }
        assertThat(jdbc.sql("select count(*) from cost_rollups_daily where requests = 0").query(Long.class).single())
                .as("no empty rollup rows left behind").isZero();
        JsonNode recorded = jsonAs(FINANCE_TOKEN, "/api/v1/reports/repricing/" + run.get("id").asString());
        assertThat(recorded).isEqualTo(run);
        assertThatException().as("the audit record never changes")
                .isThrownBy(() -> jdbc.sql("update cost_repricing_runs set reason = 'x' where id = :id")
                        .param("id", UUID.fromString(run.get("id").asString())).update());
    }

    @Test
    void refusesToTouchAnIssuedStatementUnlessItIssuesACorrection() {
        String model = model();
        String team = "team-rp-stmt-" + model.substring(model.length() - 8);
        PriceSnapshot wrong = price("price-wrong", model, "USD", "3.00", "12.00", "1.50");
        UsageRecorded event = usage().team(team).model(model, "rp").price(wrong).tokens(1_000_000, 0, 0)
                .at("2026-09-20T10:00:00Z").build();
        publish(event);
        awaitStored(event);
        JsonNode original = bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/statements/" + team + "?month=2026-09", null), 201);

        assertThat(postAs(ADMIN_TOKEN, "/api/v1/reports/repricing", request(model, "2026-09-01", "2026-10-01", false, false)))
                .hasStatus(409)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/period-has-issued-statements"))
                .hasPathSatisfying("$.statements[0].teamId", id -> assertThat(id).asString().isEqualTo(team))
                .hasPathSatisfying("$.statements[0].month", month -> assertThat(month).asString().isEqualTo("2026-09"));
        assertThat((BigDecimal) lineItem(event).get("cost")).as("refused means untouched").isEqualByComparingTo("3.000000");

        JsonNode run = bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/repricing",
                request(model, "2026-09-01", "2026-10-01", true, false)), 201);

        assertThat(run.get("correctedStatements")).extracting(s -> s.get("teamId").asString() + " "
                + s.get("month").asString() + " " + s.get("revision").asInt()).containsExactly(team + " 2026-09 2");
        JsonNode current = jsonAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team, "month", "2026-09");
        assertThat(current.get("revision").asInt()).isEqualTo(2);
        assertThat(current.get("corrects").asString()).isEqualTo(original.get("statementId").asString());
        assertThat(current.get("repricingRunId").asString()).isEqualTo(run.get("id").asString());
        assertThat(current.get("reason").asString()).contains("invoice correction");
        assertThat(current.get("totals").get(0).get("cost").asString()).isEqualTo("2.000000");
        assertThat(jsonAs(FINANCE_TOKEN, "/api/v1/reports/statements/" + team, "month", "2026-09", "revision", "1"))
                .as("revision 1 as issued").isEqualTo(original);
    }

    @Test
    void aCorrectedListPriceKeepsEachItemsNegotiatedAdjustment() {
        String model = model();
        PriceSnapshot wrong = price("price-wrong", model, "USD", "3.00", "12.00", "1.50");
        UsageRecorded discounted = usage().team("team-rp-adj").model(model, "rp")
                .price(wrong.adjusted(new BigDecimal("-12.5"), "rule-bank")).tokens(1_000_000, 0, 0)
                .at("2026-09-22T10:00:00Z").build();
        UsageRecorded listPriced = usage().team("team-rp-adj").model(model, "rp").price(wrong).tokens(1_000_000, 0, 0)
                .at("2026-09-22T11:00:00Z").build();
        publish(discounted);
        publish(listPriced);
        awaitStored(discounted, listPriced);
        assertThat((BigDecimal) lineItem(discounted).get("cost")).isEqualByComparingTo("2.625000");

        JsonNode run = bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/repricing", request(model, "2026-09-01", "2026-10-01",
                false, false)), 201);

        // the corrected input rate is 2.00 per million: 2.00 for the list-priced item, 2.00 * 0.875 for the other
        Map<String, Object> item = jdbc.sql("select cost, price_id, input_per_million, adjustment_percent,"
                + " adjustment_rule_id from line_items where event_id = :id").param("id", discounted.eventId())
                .query().singleRow();
        assertThat((BigDecimal) item.get("cost")).isEqualByComparingTo("1.750000");
        assertThat((BigDecimal) item.get("input_per_million")).isEqualByComparingTo("2.00");
        assertThat(item).containsEntry("price_id", "price-corrected").containsEntry("adjustment_rule_id", "rule-bank");
        assertThat((BigDecimal) item.get("adjustment_percent")).isEqualByComparingTo("-12.5");
        assertThat((BigDecimal) lineItem(listPriced).get("cost")).isEqualByComparingTo("2.000000");
        assertThat(run.get("after").get(0).get("cost").asString()).isEqualTo("3.750000");
    }

    @Test
    void aDryRunAnswersWhatWouldChangeAndChangesNothing() {
        String model = model();
        UsageRecorded event = usage().team("team-rp-dry").model(model, "rp")
                .price(price("price-wrong", model, "USD", "3.00", "12.00", "1.50")).tokens(1_000_000, 0, 0)
                .at("2026-09-21T10:00:00Z").build();
        publish(event);
        awaitStored(event);

        JsonNode run = bodyOf(postAs(ADMIN_TOKEN, "/api/v1/reports/repricing", request(model, "2026-09-01", "2026-10-01",
                false, true)), 200);

        assertThat(run.get("dryRun").asBoolean()).isTrue();
        assertThat(run.get("after").get(0).get("cost").asString()).isEqualTo("2.000000");
        assertThat((BigDecimal) lineItem(event).get("cost")).isEqualByComparingTo("3.000000");
        assertThat(getAs(ADMIN_TOKEN, "/api/v1/reports/repricing/" + run.get("id").asString())).hasStatus(404);
    }

    @Test
    void onlyAnAdminThatIsNotTeamScopedMayReprice() {
        String body = request(model(), "2026-09-01", "2026-10-01", false, true);

        assertThat(postAs(FINANCE_TOKEN, "/api/v1/reports/repricing", body)).hasStatus(403);
        assertThat(postAs(TEAM_ADMIN_TOKEN, "/api/v1/reports/repricing", body))
                .hasStatus(403)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/forbidden"))
                .hasPathSatisfying("$.team", team -> assertThat(team).asString().isEqualTo(SCOPED_TEAM));
        assertThat(getAs(TEAM_FINANCE_TOKEN, "/api/v1/reports/repricing"))
                .as("a run's totals span teams").hasStatus(403);
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/repricing")).hasStatusOk();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            modelId                      | {"from": "2026-09-01", "to": "2026-10-01", "reason": "r", "price": {}}
            to                           | {"modelId": "m", "from": "2026-09-02", "to": "2026-09-01", "reason": "r"}
            from                         | {"modelId": "m", "from": "yesterday", "to": "2026-09-01", "reason": "r"}
            reason                       | {"modelId": "m", "from": "2026-09-01", "to": "2026-10-01"}
            price                        | {"modelId": "m", "from": "2026-09-01", "to": "2026-10-01", "reason": "r"}
            price.inputPerMillion        | {"modelId": "m", "from": "2026-09-01", "to": "2026-10-01", "reason": "r", "price": {"priceId": "p", "currency": "USD", "inputPerMillion": "-1", "outputPerMillion": "1", "cachedInputPerMillion": "1"}}
            price.cachedInputPerMillion  | {"modelId": "m", "from": "2026-09-01", "to": "2026-10-01", "reason": "r", "price": {"priceId": "p", "currency": "USD", "inputPerMillion": "1", "outputPerMillion": "1"}}
            """)
    void aRequestThatCannotRunIsAProblemNamingTheField(String field, String body) {
        assertThat(postAs(ADMIN_TOKEN, "/api/v1/reports/repricing", body))
                .hasStatus(400)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString()
                        .isEqualTo("https://signalbox.io/problems/invalid-repricing-request"))
                .hasPathSatisfying("$.parameter", parameter -> assertThat(parameter).asString().isEqualTo(field));
    }

    private Map<String, Object> lineItem(UsageRecorded event) {
        return jdbc.sql("select cost, currency, price_id, unpriced, repricing_run_id from line_items where event_id = :id")
                .param("id", event.eventId()).query().singleRow();
    }

    private JsonNode report(String source) {
        return jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", "from", "2026-09-01", "to", "2026-10-01",
                "groupBy", "team,model,day", "team", "team-rp", "team", "team-rp-eu", "source", source);
    }

    private static JsonNode withoutSource(JsonNode report) {
        ObjectNode copy = ((ObjectNode) report).deepCopy();
        copy.remove("source");
        return copy;
    }

    private static String request(String model, String from, String to, boolean correct, boolean dryRun) {
        return """
                {"modelId": "%s", "from": "%s", "to": "%s", "price": %s,
                 "reason": "provider invoice correction", "correctIssuedStatements": %s, "dryRun": %s}"""
                .formatted(model, from, to, CORRECTED, correct, dryRun);
    }

    private static String model() {
        return "model-rp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String text(JsonNode node) {
        return node.isNull() ? "null" : node.asString();
    }
}
