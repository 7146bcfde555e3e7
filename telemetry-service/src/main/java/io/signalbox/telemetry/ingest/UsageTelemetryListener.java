package io.signalbox.telemetry.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.stats.UsageMetrics;
import io.signalbox.telemetry.stats.UsageStatistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Counts each usage event once, in the statistics and in the exported metrics. */
@Component
class UsageTelemetryListener {

    private final RecentEvents recentEvents;

    private final UsageStatistics statistics;

    private final UsageMetrics metrics;

    private final Counter duplicates;

    UsageTelemetryListener(TelemetryIngestProperties properties, UsageStatistics statistics, UsageMetrics metrics,
            MeterRegistry registry) {
        this.recentEvents = new RecentEvents(properties.recentEventIds());
        this.statistics = statistics;
        this.metrics = metrics;
        this.duplicates = Counter.builder("signalbox.telemetry.duplicate.events")
                .description("Usage events delivered again and not counted again").register(registry);
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
