package io.signalbox.gateway.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.gateway.GatewayProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 *
 * <p>Spooled events are replayed in the order they were recorded, one at a time, on a thread of their own, and
 * never ahead of an older event the producer still holds (the broker may come back while it does):
 * each replayed send is waited for until Kafka has decided it (the producer promises an answer within its
 * {@code delivery.timeout.ms}), so an event is never offered again while an earlier offer of it may still
 * be stored.
 *
 * <p>A clean shutdown loses nothing either: it waits up to {@code shutdown-flush-timeout} for Kafka to
 * acknowledge what the producer still holds, then writes every event Kafka has not acknowledged to the spool,
 * without waiting for the producer's own delivery timeout (which may outlast the platform's grace period).
 * Such an event may still reach Kafka as the producer closes and again from the spool at the next start;
 * consumers de-duplicate on event id.
 */
@Component
public class UsagePublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsagePublisher.class);

    private static final int SEND_QUEUE_CAPACITY = 10_000;

    /** Kafka's producer defaults, for a template whose factory does not expose its configuration. */
    private static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    private static final long DEFAULT_MAX_BLOCK_MS = 60_000;

    private final KafkaTemplate<String, String> kafka;

    private final UsageSpool spool;

    /**
     * Events recorded and not yet acknowledged by Kafka or spooled, by recording sequence. An event leaves
     * only once Kafka acknowledged it or its spool file is written, so a shutdown or a replay that finds it here
     * knows it is still on its way. All spool writes happen on the spool-writer thread; an event written twice
     * (by a late failure and the shutdown flush) lands in the same file.
     */
    private final ConcurrentSkipListMap<Long, UsageRecorded> unacknowledged = new ConcurrentSkipListMap<>();

    /** Hands events to the producer; bounded so that a Kafka outage cannot grow memory without limit. */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(SEND_QUEUE_CAPACITY), Thread.ofPlatform().name("usage-send-", 0).daemon().factory());

    /** Writes to the disk spool when the sender is saturated, so the request thread never does disk I/O. */
    private final ExecutorService spoolWriter = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("usage-spool").daemon().factory());

    /** Replays the spool; waiting for Kafka here keeps the shared scheduler thread free. */
    private final ExecutorService replayer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("usage-replay").daemon().factory());

    private final AtomicBoolean replaying = new AtomicBoolean();

    /** The last recording sequence handed out: microseconds since the epoch, strictly increasing. */
    private final AtomicLong lastSequence = new AtomicLong();

    /** How long a replayed send may go unanswered before something is wrong beyond Kafka being down. */
    private final Duration replayAnswerTimeout;

    private final Duration shutdownFlushTimeout;

    private final Counter published;

    private final Counter spooled;

    private final Counter unspoolable;

    UsagePublisher(KafkaTemplate<String, String> kafka, GatewayProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.spool = new UsageSpool(properties.usage().spoolDirectory());
        this.replayAnswerTimeout = answerTimeout(kafka.getProducerFactory().getConfigurationProperties());
        this.shutdownFlushTimeout = properties.usage().shutdownFlushTimeout();
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
        long sequence = nextSequence();
        // registered before it is queued, so that no replay or shutdown can overlook it
        unacknowledged.put(sequence, event);
        try {
            sender.execute(() -> {
                if (parent == null) {
                    send(event, sequence);
                }
                else {
                    parent.scoped(() -> send(event, sequence));
                }
            });
        }
        catch (RejectedExecutionException saturated) {
            spoolLater(event, sequence, saturated);
        }
    }

    /** Recording order survives the detours through the producer's buffer and the spool, and restarts. */
    private long nextSequence() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return lastSequence.updateAndGet(last -> Math.max(last + 1, now));
    }

    private void send(UsageRecorded event, long sequence) {
        try {
            kafka.send(record(event)).whenComplete((result, failure) -> {
                if (failure == null) {
                    unacknowledged.remove(sequence);
                    published.increment();
                }
                else {
                    spoolLater(event, sequence, failure);
                }
            });
        }
        catch (RuntimeException failure) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the shutdown flush spools it: this interrupted thread could not write a file
            }
            spoolLater(event, sequence, failure);
        }
    }

    private void spoolLater(UsageRecorded event, long sequence, Throwable reason) {
        try {
            spoolWriter.execute(() -> toSpool(event, sequence, reason));
        }
        catch (RejectedExecutionException shuttingDown) {
            toSpool(event, sequence, reason);
        }
    }

    private void toSpool(UsageRecorded event, long sequence, Throwable reason) {
        log.warn("Kafka did not take usage event {} ({}); spooling it to disk", event.eventId(), reason.toString());
        try {
            spool.append(event, sequence);
            spooled.increment();
        }
        catch (RuntimeException diskFailure) {
            unspoolable.increment();
            log.error("Usage event could be neither published nor spooled ({}); recover it from this line: {}",
                    diskFailure.toString(), ContractJson.toJson(event));
        }
        finally {
            // handled either way: on disk, or logged in full for manual recovery
            unacknowledged.remove(sequence);
        }
    }

    /** Starts a replay of the spool on the replay thread, unless the previous one is still waiting for Kafka. */
    @Scheduled(fixedDelayString = "${signalbox.gateway.usage.replay-interval:5s}")
    void replayInBackground() {
        if (!replaying.compareAndSet(false, true)) {
            return;
        }
        try {
            replayer.execute(() -> {
                try {
                    replaySpool();
                }
                finally {
                    replaying.set(false);
                }
            });
        }
        catch (RejectedExecutionException shuttingDown) {
            replaying.set(false);
        }
    }

    /**
     * Offers spooled events to Kafka again, in the order they were recorded, each acknowledged before the next
     * is sent; stops at the first one Kafka refuses and leaves it for the next replay.
     */
    void replaySpool() {
        for (Path file : spool.pending()) {
            Long oldestInFlight = oldestUnacknowledged();
            if (oldestInFlight != null && oldestInFlight < UsageSpool.sequenceOf(file)) {
                // an older event is still in the producer's hands: it reaches Kafka or this spool first
                return;
            }
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
                kafka.send(record(event)).get(replayAnswerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (TimeoutException ex) {
                log.warn("Kafka neither took nor refused spooled usage event {} within {}; the producer is not "
                        + "keeping its delivery timeout", event.eventId(), replayAnswerTimeout);
                return;
            }
            catch (ExecutionException | RuntimeException failure) {
                log.debug("Kafka still not taking spooled usage events: {}", failure.toString());
                return;
            }
            spool.remove(file);
            published.increment();
        }
    }

    /**
     * On shutdown, gives Kafka {@code shutdown-flush-timeout} to acknowledge what is queued or buffered, then
     * spools everything it has not acknowledged, in recording order, before the producer closes.
     */
    @Override
    public void destroy() throws InterruptedException {
        long deadline = System.nanoTime() + shutdownFlushTimeout.toNanos();
        // a replay waiting for Kafka gives up; its event stays spooled and is offered again at the next start
        replayer.shutdownNow();
        sender.shutdown();
        if (!sender.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
            // what never reached the producer is still registered as unacknowledged and is spooled below
            sender.shutdownNow();
            sender.awaitTermination(1, TimeUnit.SECONDS);
        }
        while (!unacknowledged.isEmpty() && remaining(deadline) > 0) {
            Thread.sleep(10); // shutdown only: acknowledgements arrive on the producer's thread
        }
        // on the spool-writer thread, after the failures already queued there, so no write races another
        AtomicInteger leftBehindCount = new AtomicInteger();
        try {
            spoolWriter.execute(() -> leftBehindCount.set(spoolUnacknowledged()));
        }
        catch (RejectedExecutionException alreadyStopped) {
            leftBehindCount.set(spoolUnacknowledged());
        }
        spoolWriter.shutdown();
        spoolWriter.awaitTermination(15, TimeUnit.SECONDS);
        int leftBehind = leftBehindCount.get();
        if (leftBehind > 0) {
            log.warn("Kafka did not acknowledge {} usage events within {} of shutting down; they are spooled and "
                    + "will be offered again at the next start", leftBehind, shutdownFlushTimeout);
        }
        replayer.awaitTermination(1, TimeUnit.SECONDS);
    }

    private int spoolUnacknowledged() {
        int count = 0;
        for (Map.Entry<Long, UsageRecorded> entry : unacknowledged.entrySet()) {
            toSpool(entry.getValue(), entry.getKey(), new IllegalStateException("not acknowledged at shutdown"));
            count++;
        }
        return count;
    }

    private @Nullable Long oldestUnacknowledged() {
        Map.Entry<Long, UsageRecorded> oldest = unacknowledged.firstEntry();
        return oldest == null ? null : oldest.getKey();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * The producer answers every send within {@code max.block.ms} plus {@code delivery.timeout.ms}; waiting
     * longer would only hide a fault, waiting less would offer an event again while it may still be stored.
     */
    static Duration answerTimeout(Map<String, Object> producerConfig) {
        long delivery = millis(producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), DEFAULT_DELIVERY_TIMEOUT_MS);
        long block = millis(producerConfig.get(ProducerConfig.MAX_BLOCK_MS_CONFIG), DEFAULT_MAX_BLOCK_MS);
        return Duration.ofMillis(delivery + block).plusSeconds(5);
    }

    private static long millis(@Nullable Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value == null ? fallback : Long.parseLong(value.toString().trim());
    }

    private static ProducerRecord<String, String> record(UsageRecorded event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, event.requestId(),
                ContractJson.toJson(event));
        record.headers().add(Topics.EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
