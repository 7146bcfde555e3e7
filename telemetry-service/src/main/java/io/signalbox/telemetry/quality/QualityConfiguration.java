package io.signalbox.telemetry.quality;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.telemetry.catalog.ModelDirectory;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The routing-quality loop's parts, and its topic: {@code signalbox.feedback.v1} is created at start when missing
 * (one partition: feedback is low-volume and read whole), compacted by request id and deleted after the retention,
 * so it holds at most one score per request for as long as quality history is kept.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QualityProperties.class)
class QualityConfiguration {

    /** How long a post waits for Kafka to acknowledge the feedback before answering 503. */
    static final long PUBLISH_TIMEOUT_SECONDS = 5;

    @Bean
    NewTopic feedbackTopic(QualityProperties properties) {
        return TopicBuilder.name(Topics.FEEDBACK).partitions(1)
                .config("cleanup.policy", "compact,delete")
                .config("retention.ms", String.valueOf(properties.retention().toMillis()))
                .build();
    }

    @Bean
    RoutedRequests routedRequests(QualityProperties properties, ModelDirectory directory, MeterRegistry registry) {
        return new RoutedRequests(properties, directory, registry);
    }

    @Bean
    FeedbackLedger feedbackLedger(QualityProperties properties, Clock clock) {
        return new FeedbackLedger(properties, clock);
    }

    @Bean
    FeedbackListener feedbackListener(FeedbackLedger ledger) {
        return new FeedbackListener(ledger);
    }

    @Bean
    FeedbackService feedbackService(FeedbackLedger ledger, RoutedRequests requests,
            KafkaTemplate<String, String> kafka, Clock clock) {
        FeedbackPublisher publisher = feedback -> {
            try {
                kafka.send(Topics.FEEDBACK, feedback.requestId(), ContractJson.toJson(feedback))
                        .get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new FeedbackUnavailableException("Interrupted while recording the feedback.", ex);
            }
            catch (ExecutionException | TimeoutException ex) {
                throw new FeedbackUnavailableException("The feedback topic did not take the feedback; try again.",
                        ex);
            }
        };
        return new FeedbackService(ledger, requests, publisher, clock);
    }
}
