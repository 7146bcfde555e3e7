package io.signalbox.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.infra.SharedInfra;
import io.signalbox.telemetry.TelemetryIntegrationTestSupport;
import io.signalbox.telemetry.catalog.ModelDirectory;
import io.signalbox.telemetry.window.Dimension;
import io.signalbox.telemetry.window.UsageWindows;
import io.signalbox.telemetry.window.Window;
import io.signalbox.telemetry.window.WindowProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restarted telemetry-service refills its windows from the usage topic: what its consumer group had committed in
 * the last hour, each event once, and nothing the live listener will count itself. Each test plays the previous
 * instance with a consumer group of its own, whose offsets it commits as that instance would have.
 */
class WindowReplayTests extends TelemetryIntegrationTestSupport {

    @Autowired
    WindowReplay serviceReplay;

    @Test
    void aRestartReadsBackTheLastHourUpToTheCommittedOffsetsEachEventOnce() throws Exception {
        String group = "telemetry-restarted-" + suffix;
        String model = "model-replayed-" + suffix;
        UsageRecorded first = usage().model(model, "replayed").build();
        UsageRecorded second = usage().model(model, "replayed").build();
        UsageRecorded third = usage().model(model, "replayed").build();
        UsageRecorded afterCommit = usage().model(model, "replayed").build();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, 0, first);
            send(producer, 1, second);
            send(producer, 1, second); // delivered again from a gateway's spool
            send(producer, 0, third);
            commitEndOffsets(group); // the previous instance counted these, then stopped
            send(producer, 0, afterCommit); // for the live listener, which starts at the committed offsets
        }

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UsageWindows windows = freshWindows(registry);
        WindowReplay replay = new WindowReplay(consumerConfig(group), windows, Clock.systemUTC(), registry, 10_000,
                Duration.ofSeconds(30));
        WindowReplay.Plan plan = replay.plan();
        long replayed = replay.replay(plan, Duration.ofSeconds(30));

        assertThat(windows.series(Dimension.MODEL, model)).as("the model's requests are back in the windows")
                .hasValueSatisfying(series -> assertThat(windows.stats(series, Window.ONE_HOUR).requests())
                        .as("three requests: the duplicate once, the one after the committed offset not at all")
                        .isEqualTo(3));
        assertThat(replayed).as("other tests' events of the last hour are replayed too").isGreaterThanOrEqualTo(3);
        assertThat(registry.get("signalbox.telemetry.window.replayed.events").counter().count())
                .isEqualTo((double) replayed);
    }

    @Test
    void aGroupThatNeverCommittedHasNothingToReplay() {
        String group = "telemetry-first-start-" + suffix;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UsageWindows windows = freshWindows(registry);
        WindowReplay replay = new WindowReplay(consumerConfig(group), windows, Clock.systemUTC(), registry, 10_000,
                Duration.ofSeconds(30));

        WindowReplay.Plan plan = replay.plan();

        assertThat(plan.until()).isEmpty();
        assertThat(replay.replay(plan, Duration.ofSeconds(30))).isZero();
    }

    @Test
    void theServiceReadsItsCommittedOffsetsBeforeItsListenerStarts() {
        assertThat(serviceReplay.getPhase()).as("otherwise the listener could count an event the replay counts too")
                .isLessThan(listeners.getPhase());
        assertThat(serviceReplay.isRunning()).isTrue();
    }

    private static UsageWindows freshWindows(SimpleMeterRegistry registry) {
        return new UsageWindows(new WindowProperties(new WindowProperties.MaxSeries(10_000, 10_000, 10_000, 10_000,
                10_000)), ModelDirectory.EMPTY, Clock.systemUTC(), registry);
    }

    private static Map<String, Object> consumerConfig(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /** Commits, for {@code group}, every partition's end: what an instance that had read everything would leave. */
    private static void commitEndOffsets(String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(group),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end)));
            consumer.assign(partitions);
            consumer.commitSync(ends);
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, int partition, UsageRecorded event)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, partition, event.requestId(),
                ContractJson.toJson(event));
        record.headers().add(Topics.EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }
}
