package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import io.signalbox.cost.UsageEventBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports reconcile to the micro-unit: over generated traffic (random token counts of every kind, estimated and
 * unreported counts, requests without a price, two currencies, and a price change in the middle of the month)
 * every report total equals the sum of the line items equals the sum of each event's own
 * {@link PriceSnapshot#costOf}, in JSON and in CSV, from rollups and from line items. July 2026 is this
 * class's alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationTests extends CostIntegrationTestSupport {

    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    private static final Instant PRICE_CHANGE = Instant.parse("2026-07-16T09:30:00Z");

    private static final PriceSnapshot GPT_JUNE = new PriceSnapshot("price-gpt-v1", "model-gpt", "USD",
            new BigDecimal("2.50"), new BigDecimal("10.00"), new BigDecimal("1.25"), Instant.parse("2026-06-01T00:00:00Z"));

    private static final PriceSnapshot GPT_MID_JULY = new PriceSnapshot("price-gpt-v2", "model-gpt", "USD",
            new BigDecimal("2.10"), new BigDecimal("8.40"), new BigDecimal("0.525"), PRICE_CHANGE);

    private static final PriceSnapshot REASONER = new PriceSnapshot("price-o", "model-o", "USD", new BigDecimal("1.10"),
            new BigDecimal("4.40"), new BigDecimal("0.275"), Instant.parse("2026-01-01T00:00:00Z"), new BigDecimal("13.3333"));

    private static final PriceSnapshot ODD = new PriceSnapshot("price-odd", "model-odd", "USD", new BigDecimal("3.333333"),
            new BigDecimal("0.000001"), new BigDecimal("0.1"), Instant.parse("2026-01-01T00:00:00Z"));

    private static final PriceSnapshot EURO = new PriceSnapshot("price-eu", "model-eu", "EUR", new BigDecimal("0.91"),
            new BigDecimal("3.64"), new BigDecimal("0.455"), Instant.parse("2026-01-01T00:00:00Z"), new BigDecimal("7.77"));

    private final List<UsageRecorded> events = new ArrayList<>();

    @BeforeAll
    void generateTraffic() {
        Random random = new Random(20260701);
        List<String> teams = Arrays.asList("team-rec-a", "team-rec-b", "team-rec-c", null);
        for (int i = 0; i < 400; i++) {
            Instant at = JULY.plusSeconds(random.nextLong(31L * 86_400));
            int pick = random.nextInt(20);
            PriceSnapshot price = pick == 0 ? null
                    : pick < 9 ? (at.isBefore(PRICE_CHANGE) ? GPT_JUNE : GPT_MID_JULY)
                    : pick < 13 ? REASONER : pick < 16 ? ODD : EURO;
            UsageEventBuilder event = usage()
                    .tenant("tenant-rec")
                    .team(teams.get(random.nextInt(teams.size())))
                    .key("key-rec-" + random.nextInt(5))
                    .tags(random.nextBoolean() ? Map.of("feature", "f" + random.nextInt(3)) : Map.of())
                    .model(price == null ? "model-unknown" : price.modelId(), price == null ? null : "name-" + price.modelId())
                    .price(price)
                    .at(at);
            if (random.nextInt(12) == 0) {
                event.tokens(null, null, null, null, false); // usage not reported at all
            }
            else {
                Integer completion = random.nextInt(10) == 0 ? null : random.nextInt(12_000);
                event.tokens(random.nextInt(10) == 0 ? null : random.nextInt(90_000), completion,
                        random.nextInt(3) == 0 ? random.nextInt(100_000) : null,
                        completion != null && random.nextInt(3) == 0 ? random.nextInt(completion + 1) : null,
                        random.nextInt(7) == 0);
            }
            events.add(event.build());
        }
        events.forEach(CostIntegrationTestSupport::publish);
        awaitStored(events);
    }

    @ParameterizedTest(name = "groupBy={0} source={1}")
    @CsvSource(textBlock = """
            team,           daily-rollups
            team,           hourly-rollups
            team,           line-items
            'model,day',    auto
            'key,week',     line-items
            'tag,team',     auto
            'tag,team',     line-items
            'tenant,month', auto
            """)
    void reportTotalEqualsTheLineItemsEqualsEveryEventsOwnCost(String groupBy, String source) {
        String[] params = { "from", "2026-07-01", "to", "2026-08-01", "tenant", "tenant-rec", "groupBy", groupBy,
                "tagName", "feature", "source", source };
        Map<String, BigDecimal> expected = costOfEveryEvent();

        JsonNode json = jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", params);
        String csv = new String(getAs(ADMIN_TOKEN, MediaType.parseMediaType("text/csv"), "/api/v1/reports/costs", params)
                .getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);

        assertThat(expected).containsOnlyKeys("USD", "EUR", "none");
        assertThat(totals(json)).as("report totals").isEqualTo(expected);
        assertThat(rowSums(json)).as("sum of the report's rows").isEqualTo(expected);
        assertThat(csvSums(csv)).as("sum of the CSV's cost column").isEqualTo(expected);
        assertThat(lineItemSums()).as("sum of the line items").isEqualTo(expected);
        assertThat(json.get("totals")).extracting(total -> total.get("requests").asLong())
                .containsExactlyInAnyOrderElementsOf(requestsPerCurrency().values());
    }

    private Map<String, BigDecimal> costOfEveryEvent() {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (UsageRecorded event : events) {
            PriceSnapshot price = event.price();
            sums.merge(price == null ? "none" : price.currency(),
                    price == null ? BigDecimal.ZERO : price.costOf(event.usage()), BigDecimal::add);
        }
        sums.replaceAll((currency, sum) -> sum.setScale(PriceSnapshot.COST_SCALE));
        return sums;
    }

    private Map<String, Long> requestsPerCurrency() {
        Map<String, Long> counts = new HashMap<>();
        events.forEach(event -> counts.merge(event.price() == null ? "none" : event.price().currency(), 1L, Long::sum));
        return counts;
    }

    private Map<String, BigDecimal> lineItemSums() {
        Map<String, BigDecimal> sums = new TreeMap<>();
        jdbc.sql("select coalesce(currency, 'none') as currency, sum(cost) as cost from line_items "
                + "where tenant_id = 'tenant-rec' and occurred_at >= '2026-07-01T00:00:00Z' "
                + "and occurred_at < '2026-08-01T00:00:00Z' group by 1")
                .query((rs, rowNum) -> sums.put(rs.getString("currency"), rs.getBigDecimal("cost"))).list();
        return sums;
    }

    private static Map<String, BigDecimal> totals(JsonNode report) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (JsonNode total : report.get("totals")) {
            sums.put(currency(total), money(total.get("cost")));
        }
        return sums;
    }

    private static Map<String, BigDecimal> rowSums(JsonNode report) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (JsonNode row : report.get("rows")) {
            sums.merge(currency(row), money(row.get("cost")), BigDecimal::add);
        }
        return sums;
    }

    private static Map<String, BigDecimal> csvSums(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        int currency = header.indexOf("currency");
        int cost = header.indexOf("cost");
        assertThat(csv).endsWith("\r\n");
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1); // generated labels hold no commas or quotes
            sums.merge(cells[currency].isEmpty() ? "none" : cells[currency], new BigDecimal(cells[cost]), BigDecimal::add);
        }
        return sums;
    }

    private static String currency(JsonNode node) {
        return node.get("currency").isNull() ? "none" : node.get("currency").asString();
    }
}
