package io.signalbox.telemetry.ingest;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Counts each usage event once, in every {@link UsageSink}. A batch listener: one poll's records (up to
 * {@code max.poll.records}) are handled in one call and committed together, which keeps the per-event cost to
 * parsing and counting. A record that cannot be read or counted is logged, counted in
 * {@code signalbox.telemetry.rejected.events} and skipped inside the batch: telemetry is a view derived from the
 * usage topic (cost-service keeps its dead letters), and one bad record must never hold up the others.
 */
@Component
class UsageTelemetryListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(UsageTelemetryListener.class);

    private final RecentEvents recentEvents;

    private final List<UsageSink> sinks;

    private final Counter duplicates;

    private final Counter rejected;

    private final UsageConsumerHealthIndicator readiness;

    UsageTelemetryListener(TelemetryIngestProperties properties, List<UsageSink> sinks, MeterRegistry registry,
            UsageConsumerHealthIndicator readiness) {
        this.readiness = readiness;
        this.recentEvents = new RecentEvents(properties.recentEventIds());
        this.sinks = List.copyOf(sinks);
        this.duplicates = Counter.builder("signalbox.telemetry.duplicate.events")
                .description("Usage events delivered again and not counted again").register(registry);
        this.rejected = IngestConfiguration.rejectedCounter(registry);
    }

    /** Called on every rebalance, also with no partitions (more instances than partitions). */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        readiness.markJoined();
    }

    /** The listener's id; its consumer group is {@code spring.kafka.consumer.group-id}. */
    static final String ID = "usage";

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.USAGE, batch = "true")
    void onUsage(List<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> record : records) {
            UsageRecorded event;
            try {
                event = UsageEventReader.read(record.value());
            }
            catch (RuntimeException unreadable) {
                reject(record, unreadable);
                continue;
            }
            if (!recentEvents.firstSighting(event.eventId())) {
                duplicates.increment();
                continue;
            }
            try {
                for (UsageSink sink : sinks) {
                    sink.record(event);
                }
            }
            catch (RuntimeException uncountable) {
                reject(record, uncountable);
            }
        }
    }

    private void reject(ConsumerRecord<String, String> record, RuntimeException failure) {
        rejected.increment();
        log.warn("Skipping usage message {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                record.key(), IngestConfiguration.rootMessage(failure));
    }
}
