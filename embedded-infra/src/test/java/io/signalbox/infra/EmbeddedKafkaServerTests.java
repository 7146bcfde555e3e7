package io.signalbox.infra;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.signalbox.infra.EmbeddedKafkaServer.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker of its own: stopping the shared one would pull it from under the other tests of this JVM. */
class EmbeddedKafkaServerTests {

    static final String TOPIC = "restart-check";

    static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    static EmbeddedKafkaServer kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaServer.start(Map.of(TOPIC, TopicSpec.plain(1)));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aRestartedBrokerKeepsItsPortRecordsAndOffsetsAndClientsReconnectByThemselves() throws Exception {
        String servers = kafka.bootstrapServers();
        try (KafkaProducer<String, String> producer = producer(servers)) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "before")).get(10, TimeUnit.SECONDS);
            commitOffset(servers, 1);

            kafka.stopBroker();

            assertThat(kafka.isBrokerRunning()).isFalse();
            assertThat(kafka.bootstrapServers()).isEqualTo(servers);
            assertThatThrownBy(() -> connect(servers)).as("nothing listens on the broker's port")
                    .isInstanceOf(ConnectException.class);
            Future<RecordMetadata> whileDown = producer.send(new ProducerRecord<>(TOPIC, "k", "while-down"));
            assertThatThrownBy(() -> whileDown.get(20, TimeUnit.SECONDS)).as("not acknowledged while down")
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);

            kafka.startBroker();

            assertThat(kafka.isBrokerRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(servers);
            connect(servers);
            producer.send(new ProducerRecord<>(TOPIC, "k", "after")).get(30, TimeUnit.SECONDS);
        }
        assertThat(readAll(servers)).as("the record from before the stop is still there; the refused one is not")
                .containsExactly("before", "after");
        assertThat(committedOffset(servers)).as("the group's offset survived").isEqualTo(1);
    }

    static KafkaProducer<String, String> producer(String servers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String servers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    static void commitOffset(String servers, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer(servers)) {
            consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(offset)), Duration.ofSeconds(10));
        }
    }

    static long committedOffset(String servers) {
        try (KafkaConsumer<String, String> consumer = consumer(servers)) {
            return consumer.committed(Set.of(PARTITION), Duration.ofSeconds(10)).get(PARTITION).offset();
        }
    }

    static List<String> readAll(String servers) {
        try (KafkaConsumer<String, String> consumer = consumer(servers)) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(10)).get(PARTITION);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (consumer.position(PARTITION) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    static void connect(String servers) throws IOException {
        String[] hostAndPort = servers.split(",")[0].split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 2000);
        }
    }
}
