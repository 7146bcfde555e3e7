package io.signalbox.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedInfraTests {

    @Test
    void postgresAcceptsSqlInADatabaseOfItsOwn() throws Exception {
        String url = SharedInfra.postgres().createDatabase("infra_check");
        assertThat(SharedInfra.postgres().createDatabase("infra_check")).as("idempotent").isEqualTo(url);

        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists t (amount numeric(20, 6))");
            statement.execute("insert into t values (0.000001), (0.000002)");
            try (ResultSet sum = statement.executeQuery("select sum(amount), current_setting('server_version_num') from t")) {
                sum.next();
                assertThat(sum.getBigDecimal(1)).isEqualByComparingTo("0.000003");
                assertThat(sum.getInt(2)).isGreaterThanOrEqualTo(170000);
            }
        }
    }

    @Test
    void redisAnswersCommandsOverItsOwnProtocol() throws Exception {
        int port = SharedInfra.redis().port();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("*2\r\n$4\r\nINCR\r\n$7\r\ncounter\r\n".getBytes());
            socket.getOutputStream().flush();
            byte[] reply = new byte[16];
            int read = socket.getInputStream().read(reply);
            assertThat(new String(reply, 0, read)).isEqualTo(":1\r\n");
        }
    }

    @Test
    void kafkaDeliversARecordAndCompactsTheStateTopics() throws Exception {
        String servers = SharedInfra.kafka().bootstrapServers();
        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);

        try (AdminClient admin = AdminClient.create(common)) {
            ConfigResource health = new ConfigResource(ConfigResource.Type.TOPIC, "signalbox.endpoint-health.v1");
            String policy = admin.describeConfigs(List.of(health)).all().get().get(health)
                    .get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("signalbox.usage.v1", "req-1", "{\"hello\":1}")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("signalbox.usage.v1"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 20 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.records("signalbox.usage.v1")).extracting(r -> r.key() + "=" + r.value())
                    .contains("req-1={\"hello\":1}");
        }
    }
}
