package io.signalbox.infra;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka cluster in KRaft mode (combined broker and controller), in this JVM.
 * Topics are created with one partition unless given; the compacted Signalbox topics are created
 * compacted, as in production.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on a free port with the given topics. */
    public static EmbeddedKafkaServer start(Map<String, TopicSpec> topics) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "log.flush.interval.messages", "1"));
        broker.afterPropertiesSet();
        EmbeddedKafkaServer server = new EmbeddedKafkaServer(broker);
        server.createTopics(topics);
        return server;
    }

    public void createTopics(Map<String, TopicSpec> topics) {
        NewTopic[] newTopics = topics.entrySet().stream()
                .filter(entry -> !broker.getTopics().contains(entry.getKey()))
                .map(entry -> entry.getValue().toNewTopic(entry.getKey()))
                .toArray(NewTopic[]::new);
        if (newTopics.length > 0) {
            broker.addTopics(newTopics);
        }
    }

    /** The bootstrap servers, {@code host:port[,host:port]}. */
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }

    /** How a topic is created. */
    public record TopicSpec(int partitions, boolean compacted) {

        public static TopicSpec plain(int partitions) {
            return new TopicSpec(partitions, false);
        }

        public static TopicSpec compacted(int partitions) {
            return new TopicSpec(partitions, true);
        }

        NewTopic toNewTopic(String name) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            return compacted ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
        }
    }
}
