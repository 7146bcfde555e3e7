package io.signalbox.cost.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.CostIntegrationTestSupport;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static io.signalbox.cost.UsageEventBuilder.GPT_PRICE;
import static io.signalbox.cost.UsageEventBuilder.price;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UsageIngestTests extends CostIntegrationTestSupport {

    @Test
    void reportTotalsEqualTheSumOfEveryEventsOwnPriceExactly() {
        List<PriceSnapshot> prices = List.of(
                GPT_PRICE,
                price("price-mini", "model-mini", "USD", "0.15", "0.60", "0.075"),
                price("price-odd", "model-odd", "USD", "3.333333", "0.000001", "0.1"),
                price("price-eur", "model-eu", "EUR", "1.10", "4.40", "0.55"));
        List<String> teams = Arrays.asList("team-a", "team-b", "team-c", null);
        Random random = new Random(20260501);
        Instant day = Instant.parse("2026-05-01T00:00:00Z");
        List<UsageRecorded> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            PriceSnapshot price = random.nextInt(20) == 0 ? null : prices.get(random.nextInt(prices.size()));
            Integer prompt = random.nextInt(10) == 0 ? null : random.nextInt(50_000);
            Integer completion = random.nextInt(10) == 0 ? null : random.nextInt(8_000);
            Integer cached = random.nextInt(3) == 0 ? random.nextInt(60_000) : null;
            events.add(usage()
                    .team(teams.get(random.nextInt(teams.size())))
                    .model(price == null ? null : price.modelId(), price == null ? null : "name-" + price.modelId())
                    .tokens(prompt, completion, cached)
                    .price(price)
                    .at(day.plusSeconds(random.nextInt(86_400)))
                    .build());
        }
        events.forEach(CostIntegrationTestSupport::publish);
        awaitStored(events);

        JsonNode report = reportJson("from", "2026-05-01", "to", "2026-05-02", "groupBy", "team");

        Map<String, Expected> expectedRows = new HashMap<>();
        Map<String, Expected> expectedTotals = new HashMap<>();
        for (UsageRecorded event : events) {
            String currency = event.price() == null ? null : event.price().currency();
            BigDecimal cost = event.price() == null ? BigDecimal.ZERO : event.price().costOf(event.usage());
            String team = event.teamId() == null ? "(none)" : event.teamId();
            expectedRows.computeIfAbsent(team + "|" + currency, k -> new Expected()).add(event, cost);
            expectedTotals.computeIfAbsent(String.valueOf(currency), k -> new Expected()).add(event, cost);
        }
        Map<String, Expected> actualRows = new HashMap<>();
        for (JsonNode row : report.get("rows")) {
            Expected actual = new Expected();
            actual.requests = row.get("requests").asLong();
            actual.promptTokens = row.get("promptTokens").asLong();
            actual.completionTokens = row.get("completionTokens").asLong();
            actual.cachedPromptTokens = row.get("cachedPromptTokens").asLong();
            actual.cost = money(row.get("cost"));
            actualRows.put(row.get("group").asString() + "|" + text(row.get("currency")), actual);
        }
        assertThat(actualRows).isEqualTo(expectedRows);
        Map<String, Expected> actualTotals = new HashMap<>();
        for (JsonNode total : report.get("totals")) {
            Expected actual = new Expected();
            actual.requests = total.get("requests").asLong();
            actual.cost = money(total.get("cost"));
            actualTotals.put(String.valueOf(text(total.get("currency"))), actual);
        }
        expectedTotals.values().forEach(Expected::countsOnly);
        assertThat(actualTotals).isEqualTo(expectedTotals);
        assertThat(actualTotals.get("USD").cost).as("sum of costOf over the USD events")
                .isEqualTo(events.stream().filter(e -> e.price() != null && e.price().currency().equals("USD"))
                        .map(e -> e.price().costOf(e.usage())).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void redeliveredEventIsCountedOnce() {
        UsageRecorded first = usage().team("team-redelivery").tokens(120_000, 30_000, 0).at("2026-05-02T08:00:00Z").build();
        UsageRecorded later = usage().team("team-redelivery").tokens(1_000, 1_000, 0).at("2026-05-02T09:00:00Z").build();

        publish(0, first);
        publish(0, first);
        publish(0, first);
        publish(0, later);
        awaitStored(first, later);

        JsonNode totals = reportJson("from", "2026-05-02", "to", "2026-05-03").get("totals");
        assertThat(totals).hasSize(1);
        assertThat(totals.get(0).get("requests").asLong()).isEqualTo(2);
        assertThat(money(totals.get(0).get("cost")))
                .isEqualTo(GPT_PRICE.costOf(first.usage()).add(GPT_PRICE.costOf(later.usage())))
                .isEqualByComparingTo("0.6125");
    }

    static Stream<Arguments> unreadableMessages() {
        String valid = ContractJson.toJson(usage().build());
        return Stream.of(
                Arguments.of("not JSON", "this is not json {"),
                Arguments.of("JSON of another shape", "{\"hello\":1}"),
                Arguments.of("an event without an event id", valid.replaceFirst("\"eventId\":\"[^\"]+\",", "")),
                Arguments.of("a price with a negative rate", valid.replace("\"inputPerMillion\":2.50", "\"inputPerMillion\":-2.50")),
                Arguments.of("an empty message", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableMessages")
    void unreadableMessageGoesToTheDeadLetterTopicAndTheNextEventIsStillStored(String what, @Nullable String payload) {
        String key = "poison-" + UUID.randomUUID();
        UsageRecorded next = usage().team("team-after-poison").at("2026-05-03T10:00:00Z").build();

        publishRaw(1, key, payload);
        publish(1, next);

        awaitStored(next);
        ConsumerRecord<String, String> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo(payload);
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo("signalbox.usage.v1");
        assertThat(header(dead, "kafka_dlt-exception-cause-fqcn")).as("why it was dead-lettered")
                .isIn(ContractJson.MalformedEventException.class.getName(), InvalidUsageEventException.class.getName());
    }

    @Test
    void eventWithoutPriceIsKeptAtZeroCostAndFlaggedUnpriced() {
        UsageRecorded unpriced = usage().team("team-unpriced").model(null, null).price(null).tokens(700, null, null)
                .failed(503, "no_route").at("2026-05-04T10:00:00Z").build();
        UsageRecorded priced = usage().team("team-unpriced").tokens(1_000_000, 0, 0).at("2026-05-04T11:00:00Z").build();

        publish(unpriced);
        publish(priced);
        awaitStored(unpriced, priced);

        Map<String, Object> row = jdbc.sql("select unpriced, cost, currency, prompt_tokens, completion_tokens, succeeded"
                + " from line_items where event_id = :id").param("id", unpriced.eventId()).query().singleRow();
        assertThat(row).containsEntry("unpriced", true)
                .containsEntry("currency", null)
                .containsEntry("prompt_tokens", 700)
                .containsEntry("completion_tokens", null)
                .containsEntry("succeeded", false);
        assertThat((BigDecimal) row.get("cost")).isEqualByComparingTo("0");

        JsonNode report = reportJson("from", "2026-05-04", "to", "2026-05-05", "groupBy", "model");
        assertThat(report.get("rows")).extracting(r -> r.get("group").asString() + "|" + text(r.get("currency"))
                + "|" + r.get("requests").asLong() + "|" + r.get("cost").asString())
                .containsExactly("gpt-test|USD|1|2.500000", "(none)|null|1|0.000000");
    }

    @Test
    void producerCostThatDisagreesIsReplacedByTheRecomputedOne() {
        UsageRecorded event = usage().team("team-audit").tokens(2_000, 1_000, 0)
                .reportedCost(new BigDecimal("999.99")).at("2026-05-05T10:00:00Z").build();

        publish(event);
        awaitStored(event);

        Map<String, Object> row = jdbc.sql("select cost, reported_cost from line_items where event_id = :id")
                .param("id", event.eventId()).query().singleRow();
        assertThat((BigDecimal) row.get("cost")).isEqualByComparingTo("0.015");
        assertThat((BigDecimal) row.get("reported_cost")).isEqualByComparingTo("999.99");
        assertThat(money(reportJson("from", "2026-05-05", "to", "2026-05-06").get("totals").get(0).get("cost")))
                .isEqualTo(new BigDecimal("0.015000"));
    }

    @Test
    void eventWithANegotiatedPriceIsStoredAtTheAdjustedCostWithTheAdjustmentRecorded() {
        PriceSnapshot negotiated = GPT_PRICE.adjusted(new BigDecimal("-12.5"), "rule-bank-openai");
        UsageRecorded event = usage().team("team-negotiated").price(negotiated).tokens(1_000, 500, 0)
                .at("2026-05-06T10:00:00Z").build();
        UsageRecorded listPriced = usage().team("team-negotiated").tokens(1_000, 500, 0)
                .at("2026-05-06T11:00:00Z").build();

        publish(event);
        publish(listPriced);
        awaitStored(event, listPriced);

        Map<String, Object> row = jdbc.sql("select cost, reported_cost, input_per_million, adjustment_percent,"
                + " adjustment_rule_id from line_items where event_id = :id").param("id", event.eventId())
                .query().singleRow();
        // list: 1000 * 2.50 + 500 * 10 per million = 0.0075; at -12.5 %: 0.0065625, half-even to 0.006562
        assertThat((BigDecimal) row.get("cost")).isEqualByComparingTo("0.006562")
                .isEqualByComparingTo((BigDecimal) row.get("reported_cost"));
        assertThat((BigDecimal) row.get("input_per_million")).as("the rates stay the list rates")
                .isEqualByComparingTo("2.50");
        assertThat((BigDecimal) row.get("adjustment_percent")).isEqualByComparingTo("-12.5");
        assertThat(row).containsEntry("adjustment_rule_id", "rule-bank-openai");
        assertThat(jdbc.sql("select adjustment_percent is null and adjustment_rule_id is null from line_items"
                + " where event_id = :id").param("id", listPriced.eventId()).query(Boolean.class).single())
                .as("a list-priced event has no adjustment").isTrue();
        assertThat(money(reportJson("from", "2026-05-06", "to", "2026-05-07", "team", "team-negotiated")
                .get("totals").get(0).get("cost"))).isEqualTo(new BigDecimal("0.014062"));
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTER_TOPIC));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(DELIVERY).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static @Nullable String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isNull() ? null : node.asString();
    }

    /** The oracle: what a row (or total) must add up to, computed from the events themselves. */
    private static final class Expected {

        long requests;
        long promptTokens;
        long completionTokens;
        long cachedPromptTokens;
        BigDecimal cost = BigDecimal.ZERO.setScale(PriceSnapshot.COST_SCALE);

        void add(UsageRecorded event, BigDecimal eventCost) {
            requests++;
            promptTokens += event.usage().promptTokensOrZero();
            completionTokens += event.usage().completionTokensOrZero();
            cachedPromptTokens += event.usage().cachedPromptTokensOrZero();
            cost = cost.add(eventCost);
        }

        void countsOnly() {
            promptTokens = 0;
            completionTokens = 0;
            cachedPromptTokens = 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Expected that && requests == that.requests && promptTokens == that.promptTokens
                    && completionTokens == that.completionTokens && cachedPromptTokens == that.cachedPromptTokens
                    && cost.compareTo(that.cost) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(requests, promptTokens, completionTokens, cachedPromptTokens);
        }

        @Override
        public String toString() {
            return requests + " requests, tokens " + promptTokens + "/" + completionTokens + "/" + cachedPromptTokens
                    + ", cost " + cost.toPlainString();
        }
    }
}
