package io.signalbox.cost.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.infra.MutableClock;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What routing reads: the compacted status topic, read here with a real consumer from its beginning. */
class BudgetStatusTopicTests extends BudgetIntegrationTestSupport {

    @Autowired
    BudgetStore store;

    @Autowired
    BudgetStatuses statuses;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    BudgetProperties properties;

    private KafkaConsumer<String, String> consumer;

    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "budget-status-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.BUDGET_STATUS));
    }

    @AfterEach
    void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    @Test
    void aBudgetsStatusFollowsItsSpendFromOkToSoftToHardUnderItsScopeKey() {
        String team = unique("team-topic");
        String key = "team:" + team;
        String id = createBudget(teamBudget(team, "1", "")).get("id").asString();

        BudgetStatus ok = awaitStatus(key, status -> status.state().equals(BudgetStatus.OK));
        assertThat(ok.budgetId()).isEqualTo(id);
        assertThat(ok.scope()).isEqualTo("team");
        assertThat(ok.scopeId()).isEqualTo(team);
        assertThat(ok.currency()).isEqualTo("USD");
        assertThat(ok.spent()).isEqualByComparingTo("0");
        assertThat(ok.softLimit()).isEqualByComparingTo("0.8");
        assertThat(ok.hardLimit()).isEqualByComparingTo("1");
        assertThat(ok.appliesAt(Instant.now())).as("the period running now").isTrue();

        publish(usage().team(team).tokens(340_000, 0, 0).at(Instant.now()).build()); // 0.85
        BudgetStatus soft = awaitStatus(key, status -> status.state().equals(BudgetStatus.SOFT));
        assertThat(soft.spent()).isEqualByComparingTo("0.85");

        publish(usage().team(team).tokens(100_000, 0, 0).at(Instant.now()).build()); // 1.10
        BudgetStatus hard = awaitStatus(key, status -> status.state().equals(BudgetStatus.HARD));
        assertThat(hard.spent()).isEqualByComparingTo("1.10");
        assertThat(hard.periodStart()).isEqualTo(ok.periodStart());
        assertThat(hard.observedAt()).isAfter(soft.observedAt());
    }

    @Test
    void deletingABudgetTombstonesItsKey() {
        String team = unique("team-tombstone");
        String id = createBudget(teamBudget(team, "5", "")).get("id").asString();
        awaitStatus("team:" + team, status -> true);

        assertThat(mvc.delete().uri("/api/v1/budgets/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN))
                .hasStatus(204);

        awaitRecord(record -> record.key().equals("team:" + team) && record.value() == null);
    }

    @Test
    void movingABudgetToAnotherScopeTombstonesTheOldKeyAndPublishesTheNew() {
        String project = unique("proj");
        String id = createBudget("""
                {"name": "tag budget", "scope": "tag", "scopeId": "project=%s", "period": "daily",
                 "timeZone": "%s", "currency": "USD", "amount": 3}""".formatted(project, midDayZone()))
                .get("id").asString();
        awaitStatus("tag:project=" + project, status -> status.scope().equals("tag"));

        assertThat(mvc.put().uri("/api/v1/budgets/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name": "tag budget", "scope": "tag", "scopeId": "project=%s-v2", "period": "daily",
                         "timeZone": "%s", "currency": "USD", "amount": 3}""".formatted(project, midDayZone())))
                .hasStatusOk();

        awaitRecord(record -> record.key().equals("tag:project=" + project) && record.value() == null);
        assertThat(awaitStatus("tag:project=" + project + "-v2", status -> true).budgetId()).isEqualTo(id);
    }

    @Test
    void theNextPeriodsStatusIsPublishedOnceThePeriodEnds() {
        String team = unique("team-rollover");
        String id = createBudget("""
                {"name": "daily", "scope": "team", "scopeId": "%s", "period": "daily", "timeZone": "%s",
                 "currency": "USD", "amount": 2}""".formatted(team, midDayZone())).get("id").asString();
        publish(usage().team(team).tokens(400_000, 0, 0).at(Instant.now()).build()); // 1.00 today
        awaitSpent(id, "1");
        MutableClock clock = new MutableClock(Instant.now());
        BudgetStatusPublisher publisher = new BudgetStatusPublisher(store, statuses, kafka, properties, clock);

        publisher.republishAll();
        BudgetStatus today = awaitStatus("team:" + team, status -> status.observedAt().equals(clock.instant()));
        assertThat(today.spent()).isEqualByComparingTo("1");
        clock.set(today.periodEnd().plusMillis(1));
        publisher.flush();

        BudgetStatus tomorrow = awaitStatus("team:" + team, status -> status.periodStart().equals(today.periodEnd()));
        assertThat(tomorrow.spent()).as("a new period starts from what was spent in it").isEqualByComparingTo("0");
        assertThat(tomorrow.state()).isEqualTo(BudgetStatus.OK);
        assertThat(tomorrow.period()).isNotEqualTo(today.period());
    }


    private BudgetStatus awaitStatus(String key, Predicate<BudgetStatus> matching) {
        ConsumerRecord<String, String> record = awaitRecord(candidate -> key.equals(candidate.key())
                && candidate.value() != null
                && matching.test(ContractJson.fromJson(candidate.value(), BudgetStatus.class)));
        return ContractJson.fromJson(record.value(), BudgetStatus.class);
    }

    private ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> matching) {
        await().atMost(DELIVERY).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().anyMatch(matching);
        });
        Optional<ConsumerRecord<String, String>> found = seen.stream().filter(matching).findFirst();
        return found.orElseThrow();
    }
}
