package io.signalbox.gateway.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes one {@link UsageRecorded} per request to {@link Topics#USAGE}, keyed by request id, with
 * the request's trace context in the record headers. A usage record is never dropped: when Kafka does
 * not acknowledge it, the event goes to the {@link UsageSpool} on disk and is offered again until it is
 * acknowledged (consumers de-duplicate on event id, so a late duplicate costs nothing).
 */
@Component
public class UsagePublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);

    private static final long REPLAY_ACK_TIMEOUT_SECONDS = 10;

    private static final int SEND_QUEUE_CAPACITY = 10_000;

    private final KafkaTemplate<String, String> kafka;

    private final UsageSpool spool;

    /** Hands events to the producer; bounded so that a Kafka outage cannot grow memory without limit. */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(SEND_QUEUE_CAPACITY), Thread.ofPlatform().name("usage-send-", 0).daemon().factory());

    /** Writes to the disk spool when the sender is saturated, so the request thread never does disk I/O. */
    private final ExecutorService spoolWriter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("usage-spool").daemon().factory());

    private final Counter published;

    private final Counter spooled;

    private final Counter unspoolable;

    UsagePublisher(KafkaTemplate<String, String> kafka, GatewayProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.spool = new UsageSpool(properties.usage().spoolDirectory());
        this.published = Counter.builder("signalbox.gateway.usage.published")
                .description("Usage events acknowledged by Kafka").register(meters);
        this.spooled = Counter.builder("signalbox.gateway.usage.spooled")
                .description("Usage events written to the disk spool because Kafka did not take them").register(meters);
        this.unspoolable = Counter.builder("signalbox.gateway.usage.unspoolable")
                .description("Usage events neither Kafka nor the disk spool took; each is logged in full at ERROR")
                .register(meters);
        Gauge.builder("signalbox.gateway.usage.spool.size", spool, UsageSpool::size)
                .description("Usage events waiting in the disk spool").register(meters);
    }

    /**
     * Hands the event to Kafka off the caller's thread. {@code parent} is the request's observation, so
     * the producer span and the record's {@code traceparent} header belong to the request's trace.
     */
    public void publish(UsageRecorded event, @Nullable Observation parent) {
        try {
            sender.execute(() -> {
                if (parent == null) {
                    send(event);
                }
                else {
                    parent.scoped(() -> send(event));
                }
            });
        }
        catch (RejectedExecutionException saturated) {
            spoolLater(event, saturated);
        }
    }

    private void send(UsageRecorded event) {
        try {
            kafka.send(record(event)).whenComplete((result, failure) -> {
                if (failure == null) {
                    published.increment();
                }
                else {
                    spoolLater(event, failure);
                }
            });
        }
        catch (RuntimeException failure) {
            spoolLater(event, failure);
        }
    }

    private void spoolLater(UsageRecorded event, Throwable reason) {
        try {
            spoolWriter.execute(() -> toSpool(event, reason));
        }
        catch (RejectedExecutionException shuttingDown) {
            toSpool(event, reason);
        }
    }

    private void toSpool(UsageRecorded event, Throwable reason) {
        log.warn("Kafka did not take usage event {} ({}); spooling it to disk", event.eventId(), reason.toString());
        try {
            spool.append(event);
            spooled.increment();
        }
        catch (RuntimeException diskFailure) {
            unspoolable.increment();
            log.error("Usage event could be neither published nor spooled ({}); recover it from this line: {}",
                    diskFailure.toString(), ContractJson.toJson(event));
        }
    }

    /** Offers spooled events to Kafka again, oldest first, stopping at the first one Kafka refuses. */
    @Scheduled(fixedDelayString = "${signalbox.gateway.usage.replay-interval:5s}")
    void replaySpool() {
        for (Path file : spool.pending()) {
            UsageRecorded event;
            try {
                event = spool.read(file);
            }
            catch (RuntimeException unreadable) {
                log.error("Spooled usage event {} cannot be read ({}); moved aside for manual recovery", file,
                        unreadable.toString());
                spool.quarantine(file);
                continue;
            }
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

    /** On shutdown, lets queued events reach Kafka (or the spool) before the producer closes. */
    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(15, TimeUnit.SECONDS)) {
            sender.shutdownNow().forEach(Runnable::run);
        }
        kafka.flush();
        spoolWriter.shutdown();
        spoolWriter.awaitTermination(15, TimeUnit.SECONDS);
    }

    private static ProducerRecord<String, String> record(UsageRecorded event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, event.requestId(),
                ContractJson.toJson(event));
        record.headers().add(Topics.EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
