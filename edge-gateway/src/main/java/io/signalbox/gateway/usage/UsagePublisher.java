package io.signalbox.gateway.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.gateway.GatewayProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes one {@link UsageRecorded} per request to {@link Topics#USAGE}, keyed by request id, with
 * the request's trace context in the record headers. A usage record is never dropped: when Kafka does
 * not acknowledge it, the event goes to the {@link UsageSpool} on disk and is offered again until it is
 * acknowledged (consumers de-duplicate on event id, so a late duplicate costs nothing).
 */
@Component
public class UsagePublisher {

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);

    private static final long REPLAY_ACK_TIMEOUT_SECONDS = 10;

    private final KafkaTemplate<String, String> kafka;

    private final UsageSpool spool;

    private final Counter published;

    private final Counter spooled;

    UsagePublisher(KafkaTemplate<String, String> kafka, GatewayProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.spool = new UsageSpool(properties.usage().spoolDirectory());
        this.published = Counter.builder("signalbox.gateway.usage.published")
                .description("Usage events acknowledged by Kafka").register(meters);
        this.spooled = Counter.builder("signalbox.gateway.usage.spooled")
                .description("Usage events written to the disk spool because Kafka did not take them").register(meters);
        Gauge.builder("signalbox.gateway.usage.spool.size", spool, UsageSpool::size)
                .description("Usage events waiting in the disk spool").register(meters);
    }

    /**
     * Hands the event to Kafka off the caller's thread. {@code parent} is the request's observation, so
     * the producer span and the record's {@code traceparent} header belong to the request's trace.
     */
    public void publish(UsageRecorded event, @Nullable Observation parent) {
        Schedulers.boundedElastic().schedule(() -> {
            if (parent == null) {
                send(event);
            }
            else {
                parent.scoped(() -> send(event));
            }
        });
    }

    private void send(UsageRecorded event) {
        try {
            kafka.send(record(event)).whenComplete((result, failure) -> {
                if (failure == null) {
                    published.increment();
                }
                else {
                    toSpool(event, failure);
                }
            });
        }
        catch (RuntimeException failure) {
            toSpool(event, failure);
        }
    }

    private void toSpool(UsageRecorded event, Throwable failure) {
        log.warn("Kafka did not take usage event {} ({}); spooling it to disk", event.eventId(), failure.toString());
        spool.append(event);
        spooled.increment();
    }

    /** Offers spooled events to Kafka again, oldest first, stopping at the first one that fails. */
    @Scheduled(fixedDelayString = "${signalbox.gateway.usage.replay-interval:5s}")
    void replaySpool() {
        for (Path file : spool.pending()) {
            UsageRecorded event = spool.read(file);
            try {
                kafka.send(record(event)).get(REPLAY_ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            catch (Exception failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.debug("Kafka still not taking spooled usage events: {}", failure.toString());
                return;
            }
            spool.remove(file);
            published.increment();
        }
    }

    private static ProducerRecord<String, String> record(UsageRecorded event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, event.requestId(),
                ContractJson.toJson(event));
        record.headers().add(Topics.EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
