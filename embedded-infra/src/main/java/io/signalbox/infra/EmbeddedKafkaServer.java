package io.signalbox.infra;

import java.util.Map;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka cluster in KRaft mode (combined broker and controller), in this JVM.
 * Topics are created with one partition unless given; the compacted Signalbox topics are created
 * compacted, as in production.
 *
 * <p>The broker can be stopped and started again ({@link #stopBroker}, {@link #startBroker}) to test what
 * clients do during an outage. It is the same {@link BrokerServer} shut down and started in place, as
 * Kafka's own cluster tests do: its socket server closes (clients get "connection refused"), its log manager
 * closes the logs cleanly, and on start it reopens them from the same log directories and listens on the same
 * port again (the test kit's pre-bound socket factory re-binds the port it first chose). Topics, records and
 * committed offsets survive; clients reconnect by themselves. The node's KRaft controller keeps running
 * meanwhile, as a controller quorum does while a broker restarts; clients never talk to it.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    /** Read once: the test kit asks the running broker for its port, which a stopped broker cannot answer. */
    private final String bootstrapServers;

    private boolean brokerRunning = true;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
        this.bootstrapServers = broker.getBrokersAsString();
    }

    /** Starts a broker on a free port with the given topics. */
    public static EmbeddedKafkaServer start(Map<String, TopicSpec> topics) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                // One node has no replica to fall back on, so the page cache is forced to disk every second: an
                // OS crash or power cut loses at most the last second of acknowledged records (a crashed process
                // loses none; a clean stop flushes everything). A forced flush per record cost about a seventh of
                // the broker's CPU per usage event (docs/benchmarks.md, session 12).
                "log.flush.interval.ms", "1000",
                "log.flush.scheduler.interval.ms", "1000"));
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

    /** The bootstrap servers, {@code host:port[,host:port]}; the same before and after a broker restart. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Shuts the broker down (a controlled shutdown, logs closed cleanly) and returns once its port is closed.
     * Does nothing when it is stopped already.
     */
    public synchronized void stopBroker() {
        if (!brokerRunning) {
            return;
        }
        for (BrokerServer server : cluster().brokers().values()) {
            server.shutdown();
            server.awaitShutdown();
        }
        brokerRunning = false;
    }

    /**
     * Starts the stopped broker again on its old port and data, and returns once it has registered with the
     * controller and caught up with the metadata, so that clients can produce and consume again. Does nothing
     * when it is running.
     */
    public synchronized void startBroker() {
        if (brokerRunning) {
            return;
        }
        KafkaClusterTestKit cluster = cluster();
        cluster.brokers().values().forEach(BrokerServer::startup);
        try {
            cluster.waitForReadyBrokers();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the Kafka broker was starting", ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("The Kafka broker did not become ready after a restart", ex);
        }
        brokerRunning = true;
        String rebound = broker.getBrokersAsString();
        if (!rebound.equals(bootstrapServers)) {
            throw new IllegalStateException("The restarted Kafka broker listens on " + rebound + ", not on "
                    + bootstrapServers + " as before");
        }
    }

    public synchronized boolean isBrokerRunning() {
        return brokerRunning;
    }

    private KafkaClusterTestKit cluster() {
        KafkaClusterTestKit cluster = broker.getCluster();
        if (cluster == null) {
            throw new IllegalStateException("The embedded Kafka cluster is closed");
        }
        return cluster;
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
