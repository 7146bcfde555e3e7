package io.signalbox.cost.report.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.GPT_PRICE;
import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/** Top spenders, period-over-period change and cost per 1,000 requests over February and March 2026. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisApiTests extends CostIntegrationTestSupport {

    private static final PriceSnapshot MINI = price("price-mini", "model-mini", "USD", "0.15", "0.60", "0.075");

    private static final PriceSnapshot EURO = price("price-eu", "model-eu", "EUR", "1.00", "1.00", "1.00");

    @BeforeAll
    void spend() {
        List<UsageRecorded> events = List.of(
                // February: big 4.00, small 1.00
                usage().tenant("tenant-an").team("team-an-big").tokens(1_000_000, 150_000, 0).at("2026-02-10T10:00:00Z").build(),
                usage().tenant("tenant-an").team("team-an-small").tokens(400_000, 0, 0).at("2026-02-11T10:00:00Z").build(),
                // March: big 2.00 (gpt), small 1.80 (three mini requests of 0.60), new 0.25, big 2.00 EUR
                usage().tenant("tenant-an").team("team-an-big").tokens(800_000, 0, 0).at("2026-03-01T00:00:00Z").build(),
                usage().tenant("tenant-an").team("team-an-small").model("model-mini", "mini").price(MINI)
                        .tokens(0, 1_000_000, 0).at("2026-03-05T10:00:00Z").build(),
                usage().tenant("tenant-an").team("team-an-small").model("model-mini", "mini").price(MINI)
                        .tokens(0, 1_000_000, 0).at("2026-03-06T10:00:00Z").build(),
                usage().tenant("tenant-an").team("team-an-small").model("model-mini", "mini").price(MINI)
                        .tokens(0, 1_000_000, 0).at("2026-03-07T10:00:00Z").build(),
                usage().tenant("tenant-an").team("team-an-new").tokens(100_000, 0, 0).at("2026-03-31T23:59:59Z").build(),
                usage().tenant("tenant-an").team("team-an-big").model("model-eu", "eu").price(EURO)
                        .tokens(1_000_000, 1_000_000, 0).at("2026-03-15T10:00:00Z").build());
        events.forEach(CostIntegrationTestSupport::publish);
        awaitStored(events);
        assertThat(GPT_PRICE.costOf(events.get(0).usage())).isEqualByComparingTo("4.00");
        assertThat(MINI.costOf(events.get(3).usage())).isEqualByComparingTo("0.60");
    }

    @Test
    void topSpendersAreRankedPerCurrencyWithTheirShare() {
        JsonNode top = jsonAs(FINANCE_TOKEN, "/api/v1/reports/top-spenders", "from", "2026-03-01", "to", "2026-04-01",
                "tenant", "tenant-an", "by", "team", "limit", "2");

        assertThat(top.get("by").asString()).isEqualTo("team");
        assertThat(top.get("rows")).extracting(row -> row.get("currency").asString() + " #" + row.get("rank").asInt()
                + " " + row.get("group").asString() + " " + row.get("cost").asString() + " "
                + row.get("sharePercent").asString())
                .containsExactly("EUR #1 team-an-big 2.000000 100.00",
                        "USD #1 team-an-big 2.000000 49.38", "USD #2 team-an-small 1.800000 44.44");
    }

    @Test
    void periodOverPeriodComparesAWholeMonthWithTheWholeMonthBefore() {
        JsonNode change = jsonAs(FINANCE_TOKEN, "/api/v1/reports/period-over-period", "from", "2026-03-01",
                "to", "2026-04-01", "tenant", "tenant-an");

        assertThat(change.get("previousFrom").asString()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(change.get("previousTo").asString()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(change.get("rows")).extracting(row -> row.get("team").asString() + " " + row.get("currency").asString()
                + " " + row.get("previousCost").asString() + " -> " + row.get("cost").asString() + " "
                + row.get("change").asString() + " " + text(row.get("changePercent")))
                .containsExactly(
                        "team-an-big EUR 0.000000 -> 2.000000 2.000000 null",
                        "team-an-big USD 4.000000 -> 2.000000 -2.000000 -50.00",
                        "team-an-small USD 1.000000 -> 1.800000 0.800000 80.00",
                        "team-an-new USD 0.000000 -> 0.250000 0.250000 null");
        assertThat(change.get("totals")).extracting(total -> total.get("currency").asString() + " "
                + total.get("change").asString()).containsExactly("EUR 2.000000", "USD -0.950000");
    }

    @Test
    void costPer1000RequestsIsPerModel() {
        JsonNode unit = jsonAs(FINANCE_TOKEN, "/api/v1/reports/cost-per-1000-requests", "from", "2026-03-01",
                "to", "2026-04-01", "tenant", "tenant-an");

        assertThat(unit.get("rows")).extracting(row -> row.get("model").asString() + " " + row.get("requests").asLong()
                + " " + row.get("costPer1000Requests").asString())
                .containsExactly("gpt-test 2 1125.000000", "eu 1 2000.000000", "mini 3 600.000000");
    }

    @Test
    void everyAnalysisAlsoAnswersCsvWithAHeaderRow() {
        MediaType csv = MediaType.parseMediaType("text/csv");

        assertThat(firstLine(getAs(FINANCE_TOKEN, csv, "/api/v1/reports/top-spenders", "from", "2026-03-01",
                "to", "2026-04-01", "tenant", "tenant-an"))).isEqualTo("currency,rank,group,requests,cost,sharePercent");
        assertThat(firstLine(getAs(FINANCE_TOKEN, csv, "/api/v1/reports/cost-per-1000-requests", "from", "2026-03-01",
                "to", "2026-04-01", "tenant", "tenant-an"))).isEqualTo("group,model,currency,requests,promptTokens,"
                        + "completionTokens,cachedPromptTokens,reasoningTokens,estimatedRequests,unpricedRequests,cost,"
                        + "costPer1000Requests");
        assertThat(firstLine(getAs(FINANCE_TOKEN, csv, "/api/v1/reports/period-over-period", "from", "2026-03-01",
                "to", "2026-04-01", "tenant", "tenant-an"))).startsWith("group,team,currency,requests,")
                        .endsWith(",previousCost,change,changePercent");
    }

    @Test
    void analysesRefuseGroupingsTheyCannotUse() {
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/period-over-period", "from", "2026-03-01", "to", "2026-04-01",
                "groupBy", "team,day")).hasStatus(400);
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/cost-per-1000-requests", "from", "2026-03-01",
                "to", "2026-04-01", "groupBy", "team")).hasStatus(400);
        assertThat(getAs(FINANCE_TOKEN, "/api/v1/reports/top-spenders", "from", "2026-03-01", "to", "2026-04-01",
                "limit", "0")).hasStatus(400)
                .bodyJson().hasPathSatisfying("$.parameter", p -> assertThat(p).asString().isEqualTo("limit"));
    }

    private static String firstLine(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        return body.substring(0, body.indexOf("\r\n"));
    }

    private static String text(JsonNode node) {
        return node.isNull() ? "null" : node.asString();
    }
}
