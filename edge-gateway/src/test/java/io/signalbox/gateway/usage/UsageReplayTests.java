package io.signalbox.gateway.usage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.gateway.calls.TraceHeaders;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replay against a producer whose answers the test gives by hand: Kafka's answer to a send can take the
 * whole delivery timeout (30 s in the gateway), and an event offered again before that answer may be stored
 * twice.
 */
class UsageReplayTests {

    @TempDir
    Path directory;

    @Test
    void offersSpooledEventsOffTheSchedulerThreadAndAgainOnlyAfterKafkaRefusedThem() {
        UsageSpool spool = new UsageSpool(directory);
        UsageRecorded first = UsageSpoolTests.event("req-first");
        UsageRecorded second = UsageSpoolTests.event("req-second");
        spool.append(first, 1);
        spool.append(second, 2);
        HeldSends kafka = new HeldSends();
        UsagePublisher publisher = new UsagePublisher(kafka, UsagePublisherTests.properties(directory),
                new SimpleMeterRegistry(), TraceHeaders.NONE);

        publisher.replayInBackground();
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.sends.size() == 2);
        assertThat(kafka.sends).extracting(Send::thread).as("the scheduler's thread is not kept waiting")
                .allMatch(thread -> thread.startsWith("usage-"));
        publisher.replayInBackground();
        publisher.replayInBackground();

        kafka.sends.getFirst().answer().completeExceptionally(new KafkaException("broker unavailable"));
        kafka.sends.get(1).answer().complete(acknowledged(kafka.sends.get(1).record()));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.replayInBackground();
            return kafka.sends.size() == 3;
        });
        assertThat(spool.pending()).extracting(spool::read).as("refused: still spooled; taken: gone")
                .containsExactly(first);
        kafka.sends.get(2).answer().complete(acknowledged(kafka.sends.get(2).record()));
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.size() == 0);

        assertThat(kafka.sends).extracting(send -> send.record().key())
                .as("nothing offered again while Kafka had not answered; the refused one offered again after")
                .containsExactly("req-first", "req-second", "req-first");
    }

    @Test
    void newEventsQueueBehindSpooledOnesAndGoStraightToKafkaOnceTheSpoolIsEmpty() {
        UsageSpool spool = new UsageSpool(directory);
        UsageRecorded older = UsageSpoolTests.event("req-older");
        spool.append(older, 1);
        HeldSends kafka = new HeldSends();
        UsagePublisher publisher = new UsagePublisher(kafka, UsagePublisherTests.properties(directory),
                new SimpleMeterRegistry(), TraceHeaders.NONE);

        UsageRecorded newer = UsageSpoolTests.event("req-newer");
        publisher.publish(newer, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.size() == 2);
        assertThat(kafka.sends).as("not sent past the older event waiting in the spool").isEmpty();

        publisher.replayInBackground();
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.sends.size() == 2);
        kafka.sends.forEach(send -> send.answer().complete(acknowledged(send.record())));
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.size() == 0);
        // the replay ends the backlog after the spool is empty; wait for it to finish
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.replayInBackground();
            return !publisher.backlogged();
        });

        UsageRecorded latest = UsageSpoolTests.event("req-latest");
        publisher.publish(latest, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> kafka.sends.size() == 3);

        assertThat(kafka.sends).extracting(send -> send.record().key()).as("in recording order")
                .containsExactly("req-older", "req-newer", "req-latest");
        assertThat(kafka.sends.get(2).thread()).as("straight to Kafka, no longer through the spool")
                .startsWith("usage-send-");
        assertThat(spool.size()).isZero();
    }

    static SendResult<String, String> acknowledged(ProducerRecord<String, String> record) {
        return new SendResult<>(record, new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0));
    }

    record Send(ProducerRecord<String, String> record, String thread,
            CompletableFuture<SendResult<String, String>> answer) {
    }

    /** A template that hands each send's answer to the test instead of a broker. */
    static final class HeldSends extends KafkaTemplate<String, String> {

        final List<Send> sends = new CopyOnWriteArrayList<>();

        HeldSends() {
            super(new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000), new StringSerializer(),
                    new StringSerializer()));
        }

        @Override
        public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
            CompletableFuture<SendResult<String, String>> answer = new CompletableFuture<>();
            sends.add(new Send(record, Thread.currentThread().getName(), answer));
            return answer;
        }
    }
}
