package io.signalbox.registry.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.signalbox.contracts.Topics;
import io.signalbox.registry.common.Times;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves events from the outbox to Kafka, oldest first. An event is marked published only after
 * Kafka acknowledged it; when Kafka is down the run stops at the first failure and the remaining
 * events wait for the next run, so nothing is lost and order is kept. Delivery is at least once (a
 * crash between the ack and the commit resends); consumers de-duplicate on the event id header.
 */
@Component
class OutboxRelay {

    /** The advisory lock key that elects one relay among the registry instances sharing a database. */
    static final long RELAY_LOCK_KEY = 0x5349_474E_414C_4258L;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository events;

    private final KafkaTemplate<String, String> kafka;

    private final TransactionTemplate transactions;

    private final OutboxProperties properties;

    private final Clock clock;

    OutboxRelay(OutboxRepository events, KafkaTemplate<String, String> kafka,
            PlatformTransactionManager transactionManager, OutboxProperties properties, Clock clock) {
        this.events = events;
        this.kafka = kafka;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    /** Relays until the outbox is empty, Kafka fails, or another instance holds the relay lock. */
    void relayPending() {
        int sent;
        do {
            sent = relayOnce();
        }
        while (sent == properties.batchSize());
    }

    /** What the scheduler runs: a failed run is logged and the next run tries again. */
    void relayLogged() {
        try {
            relayPending();
        }
        catch (RuntimeException ex) {
            log.warn("Outbox relay run failed; events stay in the outbox and are retried", ex);
        }
    }

    /**
     * Sends one batch and marks what Kafka acknowledged.
     *
     * @return how many events were published; 0 when another relay holds the lock
     */
    int relayOnce() {
        Integer published = transactions.execute(status -> {
            if (!events.tryRelayLock(RELAY_LOCK_KEY)) {
                return 0;
            }
            List<OutboxEvent> batch = events.findUnpublished(properties.batchSize());
            List<CompletableFuture<?>> acks = send(batch);
            return markAcknowledged(batch, acks);
        });
        return published == null ? 0 : published;
    }

    /**
     * Sends the batch without waiting between records (the idempotent producer keeps their order),
     * but stops sending at a record that failed at once, such as when the broker is unreachable.
     */
    private List<CompletableFuture<?>> send(List<OutboxEvent> batch) {
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            CompletableFuture<?> ack = send(event);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break;
            }
        }
        return acks;
    }

    private CompletableFuture<?> send(OutboxEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add(Topics.EVENT_ID_HEADER, event.getId().toString().getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private int markAcknowledged(List<OutboxEvent> batch, List<CompletableFuture<?>> acks) {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        int published = 0;
        for (int i = 0; i < acks.size(); i++) {
            OutboxEvent event = batch.get(i);
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                event.markPublished(Times.now(clock));
                published++;
            }
            catch (ExecutionException | TimeoutException ex) {
                log.warn("Kafka did not acknowledge outbox event {} for topic {}; {} event(s) wait for the next run: {}",
                        event.getId(), event.topic(), batch.size() - published, ex.toString());
                break;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return published;
    }
}
