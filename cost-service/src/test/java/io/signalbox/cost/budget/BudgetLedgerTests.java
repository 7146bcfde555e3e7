package io.signalbox.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.lineitem.LineItem;
import io.signalbox.cost.lineitem.LineItemPartitions;
import io.signalbox.cost.lineitem.LineItemStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spend counters from ingested usage events: atomic, exactly once, backfilled for budgets created mid-period,
 * and the states and alerts that follow from them. GPT costs 2.50 USD per million prompt tokens, so 100,000
 * prompt tokens cost 0.25.
 */
class BudgetLedgerTests extends BudgetIntegrationTestSupport {

    @Autowired
    SpendCounters counters;

    @Autowired
    BudgetAlerts alerts;

    @Autowired
    BudgetStore store;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    BudgetLedger ledger;

    @Autowired
    LineItemStore lineItems;

    @Autowired
    LineItemPartitions partitions;

    @Test
    void ingestedEventsCountOnceHoweverOftenTheyAreDelivered() {
        String team = unique("team-count");
        String id = createBudget(teamBudget(team, "10", "")).get("id").asString();
        Instant now = Instant.now();
        // the copies go to one partition, before the marker: once the marker is counted, so is every copy
        UsageRecorded first = usage().team(team).tokens(100_000, 0, 0).at(now.minusSeconds(60)).build();
        UsageRecorded second = usage().team(team).tokens(200_000, 0, 0).at(now.minusSeconds(30)).build();

        publish(0, first);
        publish(0, first);
        publish(0, second);
        publish(0, first);
        publish(0, second);
        awaitStored(first, second);

        UsageRecorded marker = usage().team(team).tokens(4, 0, 0).at(now).build(); // 0.00001, after the copies
        publish(0, marker);
        awaitSpent(id, "0.75001");
        assertThat(spentInDatabase(id)).isEqualByComparingTo("0.75001");
    }

    @Test
    void aBudgetCreatedMidPeriodCountsWhatWasAlreadySpentAndThenEveryNewEvent() {
        String team = unique("team-backfill");
        Instant now = Instant.now();
        UsageRecorded before = usage().team(team).tokens(400_000, 0, 0).at(now.minusSeconds(120)).build();
        UsageRecorded lastMonth = usage().team(team).tokens(400_000, 0, 0).at(now.minusSeconds(3_600L * 24 * 40))
                .build();
        UsageRecorded euros = usage().team(team).price(price("p-eur", "model-eu", "EUR", "2.50", "10", "1"))
                .tokens(400_000, 0, 0).at(now.minusSeconds(60)).build();
        publish(before);
        publish(lastMonth);
        publish(euros);
        awaitStored(before, lastMonth, euros);

        JsonNode budget = createBudget(teamBudget(team, "10", ""));
        assertThat(budget.get("current").get("spent").asString())
                .as("this month's USD spend only: not last month's, not the EUR request").isEqualTo("1.000000");

        UsageRecorded after = usage().team(team).tokens(100_000, 0, 0).at(now).build();
        publish(after);
        awaitSpent(budget.get("id").asString(), "1.25");
    }

    @Test
    void tenantKeyAndTagBudgetsCountTheEventsThatCarryThem() {
        String tenant = unique("tenant-scopes");
        String project = unique("project");
        String tenantBudget = createBudget(budgetJson("tenant", tenant)).get("id").asString();
        String tagBudget = createBudget(budgetJson("tag", "project=" + project)).get("id").asString();
        Instant now = Instant.now();

        publish(usage().tenant(tenant).tags(Map.of("project", project, "env", "prod")).tokens(100_000, 0, 0)
                .at(now).build());
        publish(usage().tenant(tenant).tags(Map.of("project", "other")).tokens(200_000, 0, 0).at(now).build());
        publish(usage().tenant(unique("tenant-elsewhere")).tags(Map.of("project", project)).tokens(400_000, 0, 0)
                .at(now).build());

        awaitSpent(tenantBudget, "0.75");
        awaitSpent(tagBudget, "1.25");
    }

    @Test
    void thresholdsTurnTheStateSoftThenHardAndAlertOncePerPeriod() {
        String team = unique("team-thresholds");
        String id = createBudget(teamBudget(team, "1", "")).get("id").asString();
        Instant now = Instant.now();

        List<UsageRecorded> events = List.of(
                usage().team(team).tokens(100_000, 0, 0).at(now.minusSeconds(40)).build(),  // 0.25: 25 %
                usage().team(team).tokens(120_000, 0, 0).at(now.minusSeconds(30)).build(),  // 0.55: 55 %
                usage().team(team).tokens(120_000, 0, 0).at(now.minusSeconds(20)).build(),  // 0.85: 85 %
                usage().team(team).tokens(80_000, 0, 0).at(now.minusSeconds(10)).build());  // 1.05: 105 %
        for (int i = 0; i < events.size(); i++) {
            publish(0, events.get(i));
            awaitSpent(id, new String[] { "0.25", "0.55", "0.85", "1.05" }[i]);
            assertThat(getJson("/api/v1/budgets/" + id).get("current").get("state").asString())
                    .isEqualTo(new String[] { "ok", "ok", "soft", "hard" }[i]);
        }
        events.forEach(event -> publish(0, event));
        publish(0, usage().team(team).tokens(4, 0, 0).at(now).build());
        awaitSpent(id, "1.05001");

        JsonNode alertList = getJson("/api/v1/budgets/" + id + "/alerts").get("items");
        assertThat(alertList).extracting(alert -> alert.get("kind").asString() + " "
                        + (alert.get("thresholdPercent").isNull() ? "-" : alert.get("thresholdPercent").asString())
                        + " " + alert.get("thresholdAmount").asString() + " " + alert.get("spent").asString())
                .containsExactlyInAnyOrder(
                        "threshold 50 0.500000 0.550000",
                        "threshold 80 0.800000 0.850000",
                        "threshold 100 1.000000 1.050000",
                        "hard-limit - 1.000000 1.050000");
        assertThat(alertList).allSatisfy(alert -> assertThat(alert.get("delivery").get("state").asString())
                .as("no webhook anywhere: recorded only").isEqualTo("not-configured"));
    }

    /**
     * A re-pricing changes what line items cost, so it changes what they count against their budgets: the team's
     * USD budget and a tag's EUR budget follow, a request re-priced from EUR to USD leaves the one and joins the
     * other, a request that had no price starts to count, and crossing thresholds raises their alerts.
     */
    @Test
    void aRepricingMovesTheSpendOfEveryBudgetItsLineItemsCountAgainst() {
        String team = unique("team-repriced");
        String project = unique("project");
        String model = unique("model-repriced");
        String teamBudget = createBudget(teamBudget(team, "5", "")).get("id").asString();
        String euroBudget = createBudget("""
                {"name": "%s in euros", "scope": "tag", "scopeId": "project=%s", "period": "monthly",
                 "timeZone": "%s", "currency": "EUR", "amount": 100}""".formatted(project, project, midDayZone()))
                .get("id").asString();
        Instant now = Instant.now();
        Map<String, String> tags = Map.of("project", project);
        List<UsageRecorded> events = List.of(
                usage().team(team).tags(tags).model(model, "m").tokens(400_000, 0, 0).at(now.minusSeconds(50))
                        .build(),                                                   // 1.00 USD
                usage().team(team).tags(tags).model(model, "m").price(price("p-eur", model, "EUR", "2.50", "10", "1"))
                        .tokens(400_000, 0, 0).at(now.minusSeconds(40)).build(),     // 1.00 EUR
                usage().team(team).tags(tags).model(model, "m").price(null).tokens(100_000, 0, 0)
                        .at(now.minusSeconds(30)).build(),                          // no price
                usage().team(team).tags(tags).tokens(400_000, 0, 0).at(now.minusSeconds(20)).build()); // 1.00 USD
        events.forEach(event -> publish(event));
        awaitStored(events);
        awaitSpent(teamBudget, "2");
        awaitSpent(euroBudget, "1");

        body(post("/api/v1/reports/repricing", repricing(model, now, true)), 200);
        assertThat(spent(teamBudget)).as("a dry run moves no budget").isEqualByComparingTo("2");
        assertThat(spent(euroBudget)).isEqualByComparingTo("1");

        body(post("/api/v1/reports/repricing", repricing(model, now, false)), 201);

        // at 5.00 USD per million prompt tokens: 2.00 + 2.00 (was EUR) + 0.50 (was unpriced) + 1.00 (other model)
        assertThat(spent(teamBudget)).isEqualByComparingTo("5.50");
        assertThat(spent(teamBudget)).as("the budget reconciles to its line items")
                .isEqualByComparingTo(jdbc.sql(
                        "select sum(cost) from line_items where team_id = :team and currency = 'USD'")
                        .param("team", team).query(BigDecimal.class).single());
        assertThat(spent(euroBudget)).as("the request re-priced in USD left the EUR budget").isEqualByComparingTo("0");
        JsonNode current = getJson("/api/v1/budgets/" + teamBudget).get("current");
        assertThat(current.get("state").asString()).isEqualTo("hard");
        assertThat(getJson("/api/v1/budgets/" + teamBudget + "/alerts").get("items"))
                .extracting(alert -> alert.get("kind").asString() + " " + alert.get("spent").asString())
                .containsExactlyInAnyOrder("threshold 5.500000", "threshold 5.500000", "threshold 5.500000",
                        "hard-limit 5.500000");
    }

    private BigDecimal spent(String budgetId) {
        return new BigDecimal(getJson("/api/v1/budgets/" + budgetId).get("current").get("spent").asString());
    }

    private static String repricing(String model, Instant now, boolean dryRun) {
        return """
                {"modelId": "%s", "from": "%s", "to": "%s", "reason": "provider invoice correction", "dryRun": %s,
                 "price": {"priceId": "p-corrected", "currency": "USD", "inputPerMillion": "5.00",
                           "outputPerMillion": "10.00", "cachedInputPerMillion": "1.00"}}"""
                .formatted(model, now.minusSeconds(3_600), now.plusSeconds(60), dryRun);
    }

    @Test
    void concurrentIngestTransactionsNeitherLoseNorDoubleAnIncrement() throws Exception {
        String team = unique("team-race");
        Budget budget = store.find(UUID.fromString(createBudget(teamBudget(team, "100", "")).get("id").asString()))
                .orElseThrow();
        // a period long gone, so that every transaction races to create its counter
        Instant longAgo = Instant.parse("2020-02-10T12:00:00Z");
        List<LineItem> items = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            items.add(LineItem.priced(usage().team(team).tokens(50_000, 0, 0).at(longAgo.plusSeconds(i)).build()));
        }
        partitions.ensureFor(items);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        AtomicInteger next = new AtomicInteger();

        race(items.size(), () -> transactions.execute(status -> {
            List<LineItem> added = lineItems.addAll(List.of(items.get(next.getAndIncrement())));
            ledger.recordAll(added);
            return added.size();
        }));

        PeriodWindow february = budget.periodAt(longAgo);
        assertThat(counters.find(budget.id(), february)).as("16 items of 0.125 each")
                .hasValue(new BigDecimal("2.000000"));
    }

    @Test
    void concurrentInstancesRaiseEachAlertOnce() throws Exception {
        String team = unique("team-alert-race");
        Budget budget = store.find(UUID.fromString(createBudget(teamBudget(team, "1", "")).get("id").asString()))
                .orElseThrow();
        PeriodWindow longAgo = BudgetPeriod.MONTHLY.containing(Instant.parse("2020-03-10T00:00:00Z"), ZoneId.of("UTC"));
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        List<Integer> raised = race(16, () -> transactions.execute(status ->
                alerts.raiseReached(budget, longAgo, null, new BigDecimal("2"), Instant.now())));

        assertThat(raised.stream().mapToInt(Integer::intValue).sum()).as("50, 80, 100 and the hard limit, once each")
                .isEqualTo(4);
        assertThat(getJson("/api/v1/budgets/" + budget.id() + "/alerts").get("items")).hasSize(4);
    }

    private BigDecimal spentInDatabase(String budgetId) {
        return jdbc.sql("select sum(spent) from budget_spend where budget_id = :id")
                .param("id", UUID.fromString(budgetId)).query(BigDecimal.class).single();
    }

    private static String budgetJson(String scope, String scopeId) {
        return """
                {"name": "%s", "scope": "%s", "scopeId": "%s", "period": "daily", "timeZone": "%s",
                 "currency": "USD", "amount": 100}""".formatted(scopeId, scope, scopeId, midDayZone());
    }

    /** Runs {@code work} on {@code threads} threads released at the same moment. */
    private static <T> List<T> race(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
