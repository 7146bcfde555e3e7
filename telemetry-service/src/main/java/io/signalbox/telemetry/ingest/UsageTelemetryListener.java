package io.signalbox.telemetry.ingest;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.stats.UsageMetrics;
import io.signalbox.telemetry.stats.UsageStatistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/** Counts each usage event once, in the statistics and in the exported metrics. */
@Component
class UsageTelemetryListener implements ConsumerSeekAware {

    private final RecentEvents recentEvents;

    private final UsageStatistics statistics;

    private final UsageMetrics metrics;

    private final Counter duplicates;

    private final UsageConsumerHealthIndicator readiness;

    UsageTelemetryListener(TelemetryIngestProperties properties, UsageStatistics statistics, UsageMetrics metrics,
            MeterRegistry registry, UsageConsumerHealthIndicator readiness) {
        this.readiness = readiness;
        this.recentEvents = new RecentEvents(properties.recentEventIds());
        this.statistics = statistics;
        this.metrics = metrics;
        this.duplicates = Counter.builder("signalbox.telemetry.duplicate.events")
                .description("Usage events delivered again and not counted again").register(registry);
    }

    /** Called on every rebalance, also with no partitions (more instances than partitions). */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        readiness.markJoined();
    }

    @KafkaListener(topics = Topics.USAGE)
    void onUsage(ConsumerRecord<String, String> record) {
        UsageRecorded event = UsageEventReader.read(record.value());
        if (!recentEvents.firstSighting(event.eventId())) {
            duplicates.increment();
            return;
        }
        statistics.record(event);
        metrics.record(event);
    }
}
