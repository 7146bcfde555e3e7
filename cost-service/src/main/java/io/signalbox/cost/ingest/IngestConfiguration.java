package io.signalbox.cost.ingest;

import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Error handling of the usage listener. Boot's listener container factory picks up the
 * {@link DefaultErrorHandler} bean; offsets of a failed record are only committed once it is stored
 * or published to the dead-letter topic, so a message is never silently dropped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostIngestProperties.class)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    NewTopic usageDeadLetterTopic(CostIngestProperties properties) {
        return TopicBuilder.name(properties.deadLetter().topic())
                .partitions(properties.deadLetter().partitions())
                .build();
    }

    @Bean
    DefaultErrorHandler usageErrorHandler(KafkaOperations<?, ?> kafka, CostIngestProperties properties) {
        String topic = properties.deadLetter().topic();
        // Partition -1 lets the producer choose, so the DLT need not have as many partitions as the source.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(topic, -1));
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, failure) -> {
            log.warn("Usage message {}-{}@{} (key {}) cannot be stored and goes to {}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), topic, rootMessage(failure));
            deadLetters.accept(record, consumer, withoutBatchWrapper(failure));
        };
        IngestRetryPolicy policy = new IngestRetryPolicy(properties.retry());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, policy.backOffFor(null));
        handler.setBackOffFunction((record, failure) -> policy.backOffFor(failure));
        handler.addNotRetryableExceptions(MalformedEventException.class, InvalidUsageEventException.class);
        // After a batch fails at one record, the handler commits what came before it and asks the container to
        // poll the rest again by throwing; that is the normal path, not an error worth a stack trace. The
        // listener and the recoverer log what happened to the record.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    /**
     * The batch listener names the failed record by wrapping the failure in a
     * {@link BatchListenerFailedException}; the dead letter's exception headers should name the failure itself,
     * as they did for one record at a time.
     */
    static Exception withoutBatchWrapper(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception real) {
                return new ListenerExecutionFailedException(batch.getMessage(), real);
            }
        }
        return failure;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
