package io.signalbox.gateway.usage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.gateway.calls.TraceHeaders;
import io.signalbox.infra.Ports;
import io.signalbox.infra.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UsagePublisherTests {

    @TempDir
    Path spool;

    @Test
    void keepsUsageOnDiskWhileKafkaIsDownAndDeliversItWhenKafkaIsBack() {
        UsageRecorded event = UsageSpoolTests.event("req-kafka-down-" + Instant.now().toEpochMilli());
        KafkaTemplate<String, String> unreachable = template("127.0.0.1:" + Ports.free());
        UsagePublisher whileDown = new UsagePublisher(unreachable, properties(spool), new SimpleMeterRegistry(),
                TraceHeaders.NONE);

        whileDown.publish(event, null);

        UsageSpool disk = new UsageSpool(spool);
        await().atMost(Duration.ofSeconds(15)).until(() -> disk.size() == 1);
        assertThat(disk.read(disk.pending().getFirst())).isEqualTo(event);
        whileDown.replaySpool();
        assertThat(disk.size()).as("still down: nothing leaves the spool").isEqualTo(1);
        unreachable.destroy();

        UsagePublisher afterRecovery = new UsagePublisher(template(SharedInfra.kafka().bootstrapServers()),
                properties(spool), new SimpleMeterRegistry(), TraceHeaders.NONE);
        afterRecovery.replaySpool();

        // the last batch is offered without waiting for Kafka's answer; the file goes once Kafka has it
        await().atMost(Duration.ofSeconds(15)).until(() -> disk.size() == 0);
        assertThat(consume(event.requestId())).isEqualTo(event);
    }

    @Test
    void anUnreadableSpoolFileIsMovedAsideAndDoesNotBlockTheOthers() throws Exception {
        UsageRecorded event = UsageSpoolTests.event("req-after-bad-file-" + Instant.now().toEpochMilli());
        java.nio.file.Files.writeString(spool.resolve("00000000-0000-0000-0000-000000000000.json"), "{truncated");
        java.nio.file.Files.setLastModifiedTime(spool.resolve("00000000-0000-0000-0000-000000000000.json"),
                java.nio.file.attribute.FileTime.fromMillis(0));
        new UsageSpool(spool).append(event, 1);
        UsagePublisher publisher = new UsagePublisher(template(SharedInfra.kafka().bootstrapServers()),
                properties(spool), new SimpleMeterRegistry(), TraceHeaders.NONE);

        publisher.replaySpool();

        assertThat(consume(event.requestId())).isEqualTo(event);
        assertThat(spool.resolve("00000000-0000-0000-0000-000000000000.json.bad")).exists();
        await().atMost(Duration.ofSeconds(10)).until(() -> new UsageSpool(spool).size() == 0);
    }

    @Test
    void whenTheDiskFallsBehindRequestsWaitForRoomAndEveryEventIsSpooledInOrder() throws Exception {
        UsageSpool disk = new UsageSpool(spool);
        disk.append(UsageSpoolTests.event("req-from-an-earlier-run"), 1); // new events queue behind it
        KafkaTemplate<String, String> unreachable = template("127.0.0.1:" + Ports.free());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsagePublisher publisher = new UsagePublisher(unreachable, properties(spool), meters, TraceHeaders.NONE,
                2);
        java.util.concurrent.CountDownLatch diskStalls = new java.util.concurrent.CountDownLatch(1);
        publisher.onSpoolWriter(() -> {
            try {
                diskStalls.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        List<UsageRecorded> events = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> UsageSpoolTests.event("req-queued-" + i)).toList();

        Thread requests = Thread.ofPlatform().start(() -> events.forEach(event -> publisher.publish(event, null)));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> meters.counter("signalbox.gateway.usage.spool.waits").count() >= 1);
        assertThat(requests.isAlive()).as("the third event waits for room instead of growing the queue").isTrue();
        assertThat(meters.get("signalbox.gateway.usage.spool.queue").gauge().value()).isEqualTo(2);

        diskStalls.countDown();
        requests.join(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> disk.size() == 6);
        assertThat(disk.pending()).extracting(file -> disk.read(file).requestId()).as("nothing dropped, in order")
                .containsExactly("req-from-an-earlier-run", "req-queued-0", "req-queued-1", "req-queued-2",
                        "req-queued-3", "req-queued-4");
        publisher.destroy();
        unreachable.destroy();
    }

    @Test
    void waitsForAReplayedEventAsLongAsTheProducerMayTakeToDecideIt() {
        assertThat(UsagePublisher.answerTimeout(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000))).isEqualTo(Duration.ofSeconds(37));
        assertThat(UsagePublisher.answerTimeout(Map.of())).as("Kafka's defaults: 120 s and 60 s")
                .isEqualTo(Duration.ofSeconds(185));
    }

    static GatewayProperties properties(Path spool) {
        return new GatewayProperties(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"),
                "internal-token-0123456789", DataSize.ofMegabytes(1), Duration.ofSeconds(60), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofMillis(100), Duration.ofMillis(100),
                new GatewayProperties.Upstream(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        DataSize.ofMegabytes(1), null),
                new GatewayProperties.Usage(spool, Duration.ofSeconds(5), Duration.ofSeconds(2)),
                new GatewayProperties.Resilience(1, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                        new GatewayProperties.Breaker(50, 20, 10, Duration.ofSeconds(30), 3), null, Duration.ofHours(1), 5));
    }

    static KafkaTemplate<String, String> template(String servers) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer()));
    }

    static UsageRecorded consume(String requestId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "publisher-tests-" + requestId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USAGE));
            UsageRecorded[] found = new UsageRecorded[1];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (requestId.equals(record.key())) {
                        found[0] = ContractJson.fromJson(record.value(), UsageRecorded.class);
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }
}
