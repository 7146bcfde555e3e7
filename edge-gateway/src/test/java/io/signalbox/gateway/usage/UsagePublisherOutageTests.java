package io.signalbox.gateway.usage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.gateway.calls.TraceHeaders;
import io.signalbox.infra.EmbeddedKafkaServer;
import io.signalbox.infra.EmbeddedKafkaServer.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real outage: the broker is stopped and started again. It is a broker of its own, with the usage topic in
 * one partition so that the order of the records is the order Kafka stored them in; the shared broker is left
 * alone, other tests use it.
 */
class UsagePublisherOutageTests {

    static final TopicPartition USAGE = new TopicPartition(Topics.USAGE, 0);

    static EmbeddedKafkaServer kafka;

    @TempDir
    Path spool;

    KafkaTemplate<String, String> template;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaServer.start(Map.of(Topics.USAGE, TopicSpec.plain(1)));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void closeProducer() {
        if (template != null) {
            template.destroy();
        }
        kafka.startBroker();
    }

    @Test
    void eventsRecordedWhileTheBrokerIsDownReachKafkaInRecordingOrderAndOnceWhenItIsBack() {
        template = template(3_000);
        long from = endOffset();
        warmUp();
        UsagePublisher publisher = publisher(new SimpleMeterRegistry());
        List<UsageRecorded> recorded = events("req-outage-", 8);

        kafka.stopBroker();
        recorded.forEach(event -> publisher.publish(event, null));
        UsageSpool disk = new UsageSpool(spool);
        await().atMost(Duration.ofSeconds(30)).until(() -> disk.size() == recorded.size());
        publisher.replaySpool();
        publisher.replaySpool();
        assertThat(disk.size()).as("nothing leaves the spool while the broker is down").isEqualTo(recorded.size());

        kafka.startBroker();
        replayUntilSpoolIsEmpty(publisher, disk, Duration.ofSeconds(30));
        template.flush();

        assertThat(usageRecordsFrom(from)).filteredOn(event -> event.requestId().startsWith("req-outage-"))
                .as("each once, in the order the gateway recorded them").containsExactlyElementsOf(recorded);
    }

    @Test
    void eventsRecordedAfterTheBrokerIsBackQueueBehindTheSpooledOnesUntilTheReplayHasDeliveredThem() {
        template = template(3_000);
        long from = endOffset();
        warmUp();
        UsagePublisher publisher = publisher(new SimpleMeterRegistry());
        List<UsageRecorded> duringOutage = events("req-order-a", 4);
        List<UsageRecorded> afterOutage = events("req-order-b", 3);

        kafka.stopBroker();
        duringOutage.forEach(event -> publisher.publish(event, null));
        UsageSpool disk = new UsageSpool(spool);
        await().atMost(Duration.ofSeconds(30)).until(() -> disk.size() == duringOutage.size());
        kafka.startBroker();
        // the broker is back, but the replay has not run yet: these must not overtake the spooled events
        afterOutage.forEach(event -> publisher.publish(event, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> disk.size() == duringOutage.size() + afterOutage.size());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            publisher.replaySpool();
            assertThat(disk.size()).isZero();
            assertThat(publisher.backlogged()).isFalse();
        });
        UsageRecorded direct = UsageSpoolTests.event("req-order-c1");
        publisher.publish(direct, null);
        template.flush();

        List<UsageRecorded> expected = new ArrayList<>(duringOutage);
        expected.addAll(afterOutage);
        expected.add(direct);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(usageRecordsFrom(from)).filteredOn(event -> event.requestId().startsWith("req-order-"))
                        .as("each once, in recording order").containsExactlyElementsOf(expected));
        assertThat(disk.size()).as("once the backlog is delivered, events go straight to Kafka").isZero();
    }

    @Test
    void aSpooledEventWaitsForAnOlderOneTheProducerStillHoldsWhenTheBrokerComesBack() {
        // the producer holds its buffered events for a minute, longer than this outage
        template = template(60_000);
        long from = endOffset();
        warmUp();
        UsagePublisher publisher = publisher(new SimpleMeterRegistry());
        UsageRecorded buffered = UsageSpoolTests.event("req-held-1");
        UsageRecorded spooled = UsageSpoolTests.event("req-held-2");

        kafka.stopBroker();
        publisher.publish(buffered, null);
        UsageSpool disk = new UsageSpool(spool);
        // a later event that failed at once, as one does when the producer cannot even queue it
        disk.append(spooled, TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()) + TimeUnit.SECONDS.toMicros(10));
        publisher.replaySpool();
        assertThat(disk.pending()).extracting(disk::read).as("nothing leaves the spool while the broker is down")
                .contains(spooled);

        kafka.startBroker();
        replayUntilSpoolIsEmpty(publisher, disk, Duration.ofSeconds(60));
        template.flush();
        assertThat(usageRecordsFrom(from)).filteredOn(event -> event.requestId().startsWith("req-held-"))
                .as("in recording order, each once").containsExactly(buffered, spooled);
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS) // a grace period; the producer alone would wait 60 s
    void aCleanShutdownDuringAnOutageSpoolsWhatKafkaHoldsAndTheNextGatewayDeliversIt() throws InterruptedException {
        // the producer would hold these for a minute before giving up: longer than a platform's grace period
        template = template(60_000);
        long from = endOffset();
        warmUp();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsagePublisher stopping = publisher(meters);
        List<UsageRecorded> recorded = events("req-shutdown-", 6);

        kafka.stopBroker();
        recorded.forEach(event -> stopping.publish(event, null));
        stopping.destroy();
        // as the application context does next: the producer closes without waiting for its buffer
        DefaultKafkaProducerFactory<String, String> producers =
                (DefaultKafkaProducerFactory<String, String>) template.getProducerFactory();
        producers.setPhysicalCloseTimeout(1);
        producers.destroy();

        UsageSpool disk = new UsageSpool(spool);
        // the broker may still take the first event while it stops; every other one must be on disk
        long acknowledged = (long) meters.counter("signalbox.gateway.usage.published").count();
        List<UsageRecorded> onDisk = disk.pending().stream().map(disk::read).toList();
        assertThat(onDisk).as("every event Kafka had not acknowledged is on disk once shutdown returns")
                .hasSize(recorded.size() - (int) acknowledged)
                .containsExactlyElementsOf(recorded.stream().filter(onDisk::contains).toList());

        kafka.startBroker();
        template = template(3_000);
        UsagePublisher next = publisher(new SimpleMeterRegistry());
        replayUntilSpoolIsEmpty(next, disk, Duration.ofSeconds(30));
        assertThat(usageRecordsFrom(from)).filteredOn(event -> event.requestId().startsWith("req-shutdown-"))
                .as("each once, in the order the gateway recorded them").containsExactlyElementsOf(recorded);
    }

    /** One acknowledged send first: the producer knows the topic's leader from then on. */
    void warmUp() {
        template.send(Topics.USAGE, "warm-up", ContractJson.toJson(UsageSpoolTests.event("warm-up"))).join();
    }

    UsagePublisher publisher(SimpleMeterRegistry meters) {
        return new UsagePublisher(template, UsagePublisherTests.properties(spool), meters, TraceHeaders.NONE);
    }

    static List<UsageRecorded> events(String requestIdPrefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> UsageSpoolTests.event(requestIdPrefix + i)).toList();
    }

    /** As the scheduled replays do: until the restarted broker leads the partition again, a replay may stop early. */
    static void replayUntilSpoolIsEmpty(UsagePublisher publisher, UsageSpool disk, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> {
            publisher.replaySpool();
            assertThat(disk.size()).isZero();
        });
    }

    static KafkaTemplate<String, String> template(int deliveryTimeoutMs) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer()));
    }

    static long endOffset() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(List.of(USAGE)).get(USAGE);
        }
    }

    /** The usage events from {@code offset} to the end of the partition. */
    static List<UsageRecorded> usageRecordsFrom(long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(USAGE));
            consumer.seek(USAGE, offset);
            long end = consumer.endOffsets(List.of(USAGE)).get(USAGE);
            List<UsageRecorded> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(ContractJson.fromJson(record.value(), UsageRecorded.class));
                }
                return consumer.position(USAGE) >= end;
            });
            return events;
        }
    }

    static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer());
    }
}
