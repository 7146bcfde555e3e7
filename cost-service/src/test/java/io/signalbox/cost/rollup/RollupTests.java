package io.signalbox.cost.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.signalbox.cost.UsageEventBuilder.GPT_PRICE;
import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollups are written with their line items and answer reports with exactly the line items' totals. Events
 * here are in April 2026, which no other test uses.
 */
class RollupTests extends CostIntegrationTestSupport {

    private static final PriceSnapshot MINI = price("price-mini", "model-mini", "USD", "0.15", "0.60", "0.075");

    private static final PriceSnapshot EURO = price("price-eu", "model-eu", "EUR", "1.10", "4.40", "0.55");

    private static final String COMPARE_ROLLUPS_WITH_LINE_ITEMS = """
            select count(*) from (
                (select date_trunc('%1$s', occurred_at, 'UTC') as bucket, tenant_id, team_id, key_id, model_id, model_name,
                        provider_id, route_alias, currency, count(*)::bigint as requests,
                        coalesce(sum(prompt_tokens), 0)::bigint as prompt_tokens,
                        coalesce(sum(completion_tokens), 0)::bigint as completion_tokens,
                        coalesce(sum(cached_prompt_tokens), 0)::bigint as cached_prompt_tokens,
                        coalesce(sum(reasoning_tokens), 0)::bigint as reasoning_tokens,
                        count(*) filter (where tokens_estimated)::bigint as estimated,
                        count(*) filter (where unpriced)::bigint as unpriced, sum(cost) as cost
                   from line_items where team_id like 'team-roll-%%'
                  group by 1, 2, 3, 4, 5, 6, 7, 8, 9
                 except
                 select bucket_start, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency,
                        requests, prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens,
                        estimated_requests, unpriced_requests, cost
                   from %2$s where team_id like 'team-roll-%%')
                union all
                (select bucket_start, tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency,
                        requests, prompt_tokens, completion_tokens, cached_prompt_tokens, reasoning_tokens,
                        estimated_requests, unpriced_requests, cost
                   from %2$s where team_id like 'team-roll-%%'
                 except
                 select date_trunc('%1$s', occurred_at, 'UTC'), tenant_id, team_id, key_id, model_id, model_name,
                        provider_id, route_alias, currency, count(*), coalesce(sum(prompt_tokens), 0),
                        coalesce(sum(completion_tokens), 0), coalesce(sum(cached_prompt_tokens), 0),
                        coalesce(sum(reasoning_tokens), 0), count(*) filter (where tokens_estimated),
                        count(*) filter (where unpriced), sum(cost)
                   from line_items where team_id like 'team-roll-%%'
                  group by 1, 2, 3, 4, 5, 6, 7, 8, 9)
            ) differences
            """;

    private static List<UsageRecorded> traffic;

    /** Two hundred events over 2026-04-01..04-05, stored once (the first test to run publishes them). */
    private synchronized List<UsageRecorded> traffic() {
        if (traffic == null) {
            Random random = new Random(20260401);
            List<PriceSnapshot> prices = List.of(GPT_PRICE, MINI, EURO);
            List<Map<String, String>> tags = List.of(Map.of("project", "checkout"), Map.of("project", "search"),
                    Map.of(), Map.of("env", "prod"), Map.of("project", "checkout", "env", "prod"));
            List<UsageRecorded> events = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                PriceSnapshot price = random.nextInt(15) == 0 ? null : prices.get(random.nextInt(prices.size()));
                events.add(usage()
                        .tenant("tenant-roll-" + random.nextInt(2))
                        .team(random.nextInt(8) == 0 ? null : "team-roll-" + random.nextInt(3))
                        .key("key-roll-" + random.nextInt(4))
                        .provider(random.nextBoolean() ? "provider-a" : "provider-b")
                        .route(random.nextInt(4) == 0 ? null : "route-" + random.nextInt(2))
                        .tags(tags.get(random.nextInt(tags.size())))
                        .model(price == null ? null : price.modelId(), price == null ? null : "name-" + price.modelId())
                        .price(price)
                        .tokens(random.nextInt(10) == 0 ? null : random.nextInt(40_000), random.nextInt(9_000),
                                random.nextInt(3) == 0 ? random.nextInt(20_000) : null,
                                random.nextInt(4) == 0 ? random.nextInt(2_000) : null, random.nextInt(6) == 0)
                        .at(Instant.parse("2026-04-01T00:00:00Z").plusSeconds(random.nextInt(5 * 86_400)))
                        .build());
            }
            events.forEach(CostIntegrationTestSupport::publish);
            // redelivery of a few must change nothing
            events.subList(0, 10).forEach(CostIntegrationTestSupport::publish);
            awaitStored(events);
            traffic = events;
        }
        return traffic;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            hour, cost_rollups_hourly
            day,  cost_rollups_daily
            """)
    void everyRollupRowIsTheSumOfItsLineItemsEvenAfterRedelivery(String grain, String table) {
        traffic();

        long differences = jdbc.sql(COMPARE_ROLLUPS_WITH_LINE_ITEMS.formatted(grain, table)).query(Long.class).single();

        assertThat(differences).isZero();
        assertThat(jdbc.sql("select sum(requests) from " + table + " where team_id like 'team-roll-%'")
                .query(Long.class).single())
                .isEqualTo(traffic().stream().filter(e -> e.teamId() != null).count());
    }

    @Test
    void tagRollupsCountEachItemOncePerTagItCarries() {
        traffic();

        List<Map<String, Object>> mismatches = jdbc.sql("""
                select t.key as tag_name, t.value as tag_value, count(*) as requests, sum(cost) as cost
                  from line_items cross join lateral jsonb_each_text(tags) t
                 where tenant_id like 'tenant-roll-%' group by 1, 2
                except
                select tag_name, tag_value, sum(requests), sum(cost) from cost_tag_rollups_daily
                 where tenant_id like 'tenant-roll-%' group by 1, 2
                """).query().listOfRows();

        assertThat(mismatches).isEmpty();
        assertThat(jdbc.sql("select sum(requests) from cost_tag_rollups_hourly where tenant_id like 'tenant-roll-%'"
                + " and tag_name = 'env'").query(Long.class).single())
                .isEqualTo(traffic().stream().filter(e -> e.tags().containsKey("env")).count());
    }

    @ParameterizedTest(name = "groupBy={0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            team                  |
            tenant,model,day      |
            key,provider,route    |
            team,week             |
            model,month           |
            tag                   | tagName=project
            tag,team,day          | tagName=project
            team                  | tagName=project,tagValue=checkout
            model                 | tagName=project,tagValue=(none)
            provider              | team=team-roll-1,model=name-model-mini
            team,day              | team=(none)
            route                 | route=(none),route=route-1
            """)
    void rollupsAndLineItemsAnswerTheSameRowsToTheMicroUnit(String groupBy, String extra) {
        traffic();
        List<String> params = new ArrayList<>(List.of("from", "2026-04-01", "to", "2026-04-06", "groupBy", groupBy,
                "tenant", "tenant-roll-0"));
        if (extra != null) {
            for (String pair : extra.split(",")) {
                String[] nameValue = pair.split("=", 2);
                params.add(nameValue[0]);
                params.add(nameValue[1]);
            }
        }
        JsonNode daily = report(params, "daily-rollups");
        JsonNode hourly = report(params, "hourly-rollups");
        JsonNode lineItems = report(params, "line-items");

        assertThat(daily.get("rows")).isNotEmpty();
        assertThat(withoutSource(daily)).isEqualTo(withoutSource(lineItems));
        assertThat(withoutSource(hourly)).isEqualTo(withoutSource(lineItems));
    }

    @Test
    void aWholeHourTimeZoneIsAnsweredFromHourlyRollupsAndOthersFromLineItems() {
        traffic();
        List<String> berlin = List.of("from", "2026-04-01", "to", "2026-04-06", "timeZone", "Europe/Berlin",
                "groupBy", "team,day", "tenant", "tenant-roll-1");
        List<String> kolkata = List.of("from", "2026-04-01", "to", "2026-04-06", "timeZone", "Asia/Kolkata",
                "groupBy", "team,day", "tenant", "tenant-roll-1");

        JsonNode berlinAuto = report(berlin, "auto");
        JsonNode kolkataAuto = report(kolkata, "auto");

        assertThat(berlinAuto.get("source").asString()).isEqualTo("hourly-rollups");
        assertThat(withoutSource(berlinAuto)).isEqualTo(withoutSource(report(berlin, "line-items")));
        assertThat(kolkataAuto.get("source").asString()).isEqualTo("line-items");
        assertThat(kolkataAuto.get("rows")).isNotEmpty();
    }

    @Test
    void calendarBucketsAreDaysInTheReportsTimeZone() {
        UsageRecorded lateEvening = usage().team("team-bucket").at("2026-04-20T23:30:00Z").build();
        publish(lateEvening);
        awaitStored(lateEvening);

        for (String[] zoneAndDay : new String[][] { { "UTC", "2026-04-20" }, { "Europe/Berlin", "2026-04-21" },
                { "+05:30", "2026-04-21" }, { "America/New_York", "2026-04-20" } }) {
            JsonNode report = jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", "from", "2026-04-19", "to", "2026-04-23",
                    "timeZone", zoneAndDay[0], "groupBy", "day", "team", "team-bucket");

            assertThat(report.get("rows")).as(zoneAndDay[0]).hasSize(1);
            assertThat(report.get("rows").get(0).get("period").asString()).as(zoneAndDay[0]).isEqualTo(zoneAndDay[1]);
        }
    }

    @Test
    void itemsWithoutTheTagAreTheNoneGroupOfATagReport() {
        UsageRecorded a = usage().team("team-tags").tags(Map.of("project", "alpha")).at("2026-04-25T10:00:00Z").build();
        UsageRecorded b = usage().team("team-tags").tags(Map.of("project", "beta", "env", "prod"))
                .at("2026-04-25T11:00:00Z").build();
        UsageRecorded untagged = usage().team("team-tags").tags(Map.of()).at("2026-04-25T12:00:00Z").build();
        UsageRecorded otherTag = usage().team("team-tags").tags(Map.of("env", "dev")).at("2026-04-25T13:00:00Z").build();
        List.of(a, b, untagged, otherTag).forEach(CostIntegrationTestSupport::publish);
        awaitStored(a, b, untagged, otherTag);

        for (String source : List.of("daily-rollups", "line-items")) {
            JsonNode report = jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", "from", "2026-04-25", "to", "2026-04-26",
                    "groupBy", "tag", "tagName", "project", "team", "team-tags", "source", source);
            JsonNode none = jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", "from", "2026-04-25", "to", "2026-04-26",
                    "groupBy", "team", "tagName", "project", "tagValue", "(none)", "team", "team-tags", "source", source);

            assertThat(report.get("rows")).as(source).extracting(row -> row.get("tag").asString() + "="
                    + row.get("requests").asLong()).containsExactlyInAnyOrder("alpha=1", "beta=1", "(none)=2");
            assertThat(report.get("totals").get(0).get("requests").asLong()).isEqualTo(4);
            assertThat(none.get("totals").get(0).get("requests").asLong()).as(source).isEqualTo(2);
            assertThat(money(none.get("totals").get(0).get("cost")))
                    .isEqualTo(GPT_PRICE.costOf(untagged.usage()).add(GPT_PRICE.costOf(otherTag.usage())));
        }
    }

    private JsonNode report(List<String> params, String source) {
        List<String> all = new ArrayList<>(params);
        all.add("source");
        all.add(source);
        return jsonAs(ADMIN_TOKEN, "/api/v1/reports/costs", all.toArray(String[]::new));
    }

    private static JsonNode withoutSource(JsonNode report) {
        ObjectNode copy = ((ObjectNode) report).deepCopy();
        copy.remove("source");
        return copy;
    }
}
