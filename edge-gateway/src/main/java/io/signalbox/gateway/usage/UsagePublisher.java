package io.signalbox.gateway.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
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
import io.signalbox.gateway.calls.TraceHeaders;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes one {@link UsageRecorded} per request to {@link Topics#USAGE}, keyed by request id, with
 * the request's trace context in the record headers. A usage record is never dropped: when Kafka does
 * not acknowledge it, the event goes to the {@link UsageSpool} on disk and is offered again until it is
 * acknowledged (consumers de-duplicate on event id, so a late duplicate costs nothing).
 *
 * <p>Spooled events are replayed in the order they were recorded, in batches, on a thread of their own, and
 * never ahead of an older event the producer still holds (the broker may come back while it does): every
 * replayed send is waited for until Kafka has decided it (the producer promises an answer within its
 * {@code delivery.timeout.ms}), so an event is never offered again while an earlier offer of it may still
 * be stored, and the idempotent producer keeps each partition's records in the order they were sent. While
 * the spool holds events, new events are spooled behind them rather than sent past them; once a replay has
 * emptied the spool, events go straight to Kafka again.
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

    /**
     * Hands events to the producer on a thread of its own, in batches; bounded so that a Kafka outage cannot grow
     * memory without limit.
     */
    private final UsageSendQueue sender = new UsageSendQueue(SEND_QUEUE_CAPACITY, "usage-send-0");

    /** Events (or backlog ends) waiting for the spool-writer thread at most, about 30 MB of usage events. */
    static final int SPOOL_QUEUE_CAPACITY = 10_000;

    /**
     * Writes to the disk spool when Kafka fails or older events wait there, so the request thread does no disk
     * I/O. Bounded: when the disk cannot keep up (one forced write per event), a caller waits for room rather
     * than memory growing until the gateway dies with every queued event ({@link #waitForRoom}).
     */
    private final ThreadPoolExecutor spoolWriter;

    private volatile @Nullable Thread spoolWriterThread;

    /** Replays the spool; waiting for Kafka here keeps the shared scheduler thread free. */
    private final ExecutorService replayer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("usage-replay").daemon().factory());

    private final AtomicBoolean replaying = new AtomicBoolean();

    /** How many spooled events one replay round offers to Kafka before waiting for their answers. */
    static final int REPLAY_BATCH = 500;

    /**
     * True while older events wait in the spool: new events then pass through the spool-writer thread, which
     * spools them behind the older ones instead of letting them overtake. Set when Kafka fails an event; cleared
     * on the spool-writer thread by {@link #endBacklog}, which first offers what is left, so every event queued
     * before it is on disk (and offered) and every event after it goes straight to Kafka, after those.
     */
    private volatile boolean backlog;

    private final Object backlogLock = new Object();

    /** Counts Kafka's failures that sent an event to the spool; guarded by {@link #backlogLock}. */
    private long spoolFailures;

    /** The last recording sequence handed out: microseconds since the epoch, strictly increasing. */
    private final AtomicLong lastSequence = new AtomicLong();

    /** How long a replayed send may go unanswered before something is wrong beyond Kafka being down. */
    private final Duration replayAnswerTimeout;

    private final Duration shutdownFlushTimeout;

    private final Counter published;

    private final Counter spooled;

    private final Counter unspoolable;

    private final Counter spoolWaits;

    /** Reads the request's trace context for its record's headers. */
    private final TraceHeaders traceHeaders;

    @Autowired
    UsagePublisher(KafkaTemplate<String, String> kafka, GatewayProperties properties, MeterRegistry meters,
            TraceHeaders traceHeaders) {
        this(kafka, properties, meters, traceHeaders, SPOOL_QUEUE_CAPACITY);
    }

    UsagePublisher(KafkaTemplate<String, String> kafka, GatewayProperties properties, MeterRegistry meters,
            TraceHeaders traceHeaders, int spoolQueueCapacity) {
        this.traceHeaders = traceHeaders;
        this.spoolWriter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(spoolQueueCapacity), runnable -> {
                    Thread thread = Thread.ofPlatform().name("usage-spool").daemon().unstarted(runnable);
                    spoolWriterThread = thread;
                    return thread;
                }, this::waitForRoom);
        this.kafka = kafka;
        this.spool = new UsageSpool(properties.usage().spoolDirectory());
        this.replayAnswerTimeout = answerTimeout(kafka.getProducerFactory().getConfigurationProperties());
        this.shutdownFlushTimeout = properties.usage().shutdownFlushTimeout();
        this.published = Counter.builder("signalbox.gateway.usage.published")
                .description("Usage events acknowledged by Kafka").register(meters);
        this.spooled = Counter.builder("signalbox.gateway.usage.spooled")
                .description("Usage events written to the disk spool: Kafka did not take them, or older events were "
                        + "waiting there").register(meters);
        this.unspoolable = Counter.builder("signalbox.gateway.usage.unspoolable")
                .description("Usage events neither Kafka nor the disk spool took; each is logged in full at ERROR")
                .register(meters);
        this.spoolWaits = Counter.builder("signalbox.gateway.usage.spool.waits")
                .description("Times a request waited for room in the spool writer's queue (the disk fell behind)")
                .register(meters);
        Gauge.builder("signalbox.gateway.usage.send.queue", sender, UsageSendQueue::size)
                .description("Usage events waiting to be handed to Kafka's producer").register(meters);
        Gauge.builder("signalbox.gateway.usage.spool.queue", spoolWriter, executor -> executor.getQueue().size())
                .description("Usage events waiting for the spool-writer thread").register(meters);
        Gauge.builder("signalbox.gateway.usage.spool.size", spool, UsageSpool::size)
                .description("Usage events waiting in the disk spool").register(meters);
        // events spooled by an earlier run are older than anything this one records
        this.backlog = spool.size() > 0;
    }

    /**
     * Hands the event to Kafka off the caller's thread. {@code parent} is the request's observation: its trace
     * context goes on the record as {@code traceparent}, so the consumers' spans join the request's trace. It is
     * read here, on the request's thread, and no observation is made for the send itself (ADR 0008).
     */
    public void publish(UsageRecorded event, @Nullable Observation parent) {
        long sequence = nextSequence();
        Map<String, String> trace = traceHeaders.of(parent);
        // registered before it is queued, so that no replay or shutdown can overlook it
        unacknowledged.put(sequence, event);
        if (backlog) {
            try {
                // decided on the spool-writer thread, in recording order with the backlog's end
                spoolWriter.execute(() -> behindBacklog(event, sequence, trace));
                return;
            }
            catch (RejectedExecutionException shuttingDown) {
                toSpool(event, sequence, null); // the shutdown flush may already have run
                return;
            }
        }
        toSender(event, sequence, trace);
    }

    /** On the spool-writer thread: spools the event behind the backlog, or sends it if the backlog has ended. */
    private void behindBacklog(UsageRecorded event, long sequence, Map<String, String> trace) {
        if (backlog) {
            toSpool(event, sequence, null);
        }
        else {
            toSender(event, sequence, trace);
        }
    }

    private void toSender(UsageRecorded event, long sequence, Map<String, String> trace) {
        if (!sender.offer(() -> send(event, sequence, trace))) {
            spoolLater(event, sequence, new RejectedExecutionException(
                    "the usage send queue is full or the gateway is stopping"));
        }
    }

    /**
     * When the spool writer's queue is full: the caller waits for room, so events keep their order and the one
     * writer thread; memory stays bounded and nothing is dropped. The writer's own follow-up work (an event
     * Kafka's sender refused while the writer handed it over) runs in place, ahead of the newer events queued
     * behind it. Once the writer is stopped, callers write the event themselves (their rejection handling).
     */
    private void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            throw new RejectedExecutionException("the usage spool writer has stopped");
        }
        if (Thread.currentThread() == spoolWriterThread) {
            task.run();
            return;
        }
        spoolWaits.increment();
        try {
            executor.getQueue().put(task);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for the usage spool writer", interrupted);
        }
        if (executor.isShutdown() && executor.getQueue().remove(task)) {
            throw new RejectedExecutionException("the usage spool writer stopped while the event waited");
        }
    }

    /** Runs a task on the spool-writer thread, behind what is queued there; for tests that hold the writer up. */
    void onSpoolWriter(Runnable task) {
        spoolWriter.execute(task);
    }

    /** Whether new events are spooled behind older ones still waiting there. */
    boolean backlogged() {
        return backlog;
    }

    /** Recording order survives the detours through the producer's buffer and the spool, and restarts. */
    private long nextSequence() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return lastSequence.updateAndGet(last -> Math.max(last + 1, now));
    }

    private void send(UsageRecorded event, long sequence, Map<String, String> trace) {
        try {
            kafka.send(record(event, trace)).whenComplete((result, failure) -> {
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

    /** Spools an event Kafka failed, on the spool-writer thread; later events queue behind it. */
    private void spoolLater(UsageRecorded event, long sequence, Throwable reason) {
        startBacklog();
        try {
            spoolWriter.execute(() -> toSpool(event, sequence, reason));
        }
        catch (RejectedExecutionException shuttingDown) {
            toSpool(event, sequence, reason);
        }
    }

    /** Kafka failed an event: it goes to the spool, and every later event queues behind it. */
    private void startBacklog() {
        synchronized (backlogLock) {
            spoolFailures++;
            backlog = true;
        }
    }

    /** The spooled event, or null when its file cannot be read and has been moved aside for manual recovery. */
    private @Nullable UsageRecorded readOrQuarantine(Path file) {
        try {
            return spool.read(file);
        }
        catch (RuntimeException unreadable) {
            log.error("Spooled usage event {} cannot be read ({}); moved aside for manual recovery", file,
                    unreadable.toString());
            spool.quarantine(file);
            return null;
        }
    }

    /** Writes the event to the spool; {@code reason} is null when it only queues behind older spooled events. */
    private void toSpool(UsageRecorded event, long sequence, @Nullable Throwable reason) {
        if (reason != null) {
            log.warn("Kafka did not take usage event {} ({}); spooling it to disk", event.eventId(), reason.toString());
        }
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
     * Offers spooled events to Kafka again, in the order they were recorded, a batch at a time; stops at a batch
     * Kafka did not wholly take and leaves what it refused for the next replay. When at most one batch is left,
     * the spool-writer thread offers it and ends the backlog ({@link #endBacklog}), so new events go straight to
     * Kafka again.
     */
    void replaySpool() {
        while (true) {
            List<Path> files = spool.pending();
            if (files.size() <= REPLAY_BATCH) {
                if (backlog || !files.isEmpty()) {
                    try {
                        spoolWriter.submit(this::endBacklog).get();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    catch (ExecutionException | RejectedExecutionException ex) {
                        log.debug("The usage backlog stays: {}", ex.toString());
                    }
                }
                return;
            }
            if (!replayBatch(files.subList(0, REPLAY_BATCH))) {
                return;
            }
        }
    }

    /**
     * On the spool-writer thread, so that every event queued behind the backlog before this is on disk and every
     * one after it sees the outcome: offers what is left of the spool (at most a batch) to Kafka without waiting,
     * then ends the backlog. Events after it are sent after these, so the producer keeps them in order; the
     * offered events count as in flight until Kafka answers, so no replay offers them twice, and one Kafka
     * refuses stays spooled and starts a new backlog. Nothing here waits for Kafka beyond {@code max.block.ms},
     * so a shutdown's spool writes are never held up behind it.
     */
    private void endBacklog() {
        long failuresBefore;
        synchronized (backlogLock) {
            failuresBefore = spoolFailures;
        }
        List<Path> files = spool.pending();
        if (files.size() > REPLAY_BATCH) {
            return;
        }
        Long oldestInFlight = oldestUnacknowledged();
        if (!files.isEmpty() && oldestInFlight != null && oldestInFlight <= UsageSpool.sequenceOf(files.getFirst())) {
            return; // an older event is still in the producer's hands, or these were offered already
        }
        for (Path file : files) {
            UsageRecorded event = readOrQuarantine(file);
            if (event == null) {
                continue;
            }
            long sequence = UsageSpool.sequenceOf(file);
            unacknowledged.put(sequence, event);
            try {
                kafka.send(record(event, Map.of())).whenComplete((result, failure) -> {
                    if (failure == null) {
                        spool.remove(file);
                        published.increment();
                    }
                    else {
                        startBacklog();
                    }
                    unacknowledged.remove(sequence); // answered: on Kafka, or still in the spool
                });
            }
            catch (RuntimeException refused) {
                unacknowledged.remove(sequence);
                log.debug("Kafka still not taking spooled usage events: {}", refused.toString());
                return;
            }
        }
        synchronized (backlogLock) {
            if (spoolFailures == failuresBefore) {
                backlog = false;
            }
        }
    }

    /**
     * Sends the files' events in order, then waits for every answer; removes each event Kafka acknowledged.
     * True when Kafka took them all and the replay may go on.
     */
    private boolean replayBatch(List<Path> files) {
        Long oldestInFlight = oldestUnacknowledged();
        List<Path> offered = new ArrayList<>(files.size());
        List<CompletableFuture<?>> answers = new ArrayList<>(files.size());
        boolean complete = true;
        for (Path file : files) {
            if (oldestInFlight != null && oldestInFlight <= UsageSpool.sequenceOf(file)) {
                // an older event (or this one, offered by the backlog's end) is still in the producer's hands
                complete = false;
                break;
            }
            UsageRecorded event = readOrQuarantine(file);
            if (event == null) {
                continue;
            }
            try {
                answers.add(kafka.send(record(event, Map.of())));
                offered.add(file);
            }
            catch (RuntimeException refused) {
                log.debug("Kafka still not taking spooled usage events: {}", refused.toString());
                complete = false;
                break;
            }
        }
        long deadline = System.nanoTime() + replayAnswerTimeout.toNanos();
        for (int i = 0; i < offered.size(); i++) {
            try {
                answers.get(i).get(remaining(deadline), TimeUnit.NANOSECONDS);
                spool.remove(offered.get(i));
                published.increment();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
            catch (TimeoutException ex) {
                log.warn("Kafka neither took nor refused spooled usage events within {}; the producer is not "
                        + "keeping its delivery timeout", replayAnswerTimeout);
                return false;
            }
            catch (ExecutionException | RuntimeException failure) {
                // the rest of the batch is still waited for: an event is never offered again while it may be stored
                log.debug("Kafka still not taking spooled usage events: {}", failure.toString());
                complete = false;
            }
        }
        return complete;
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
        if (!sender.stop(Duration.ofNanos(remaining(deadline)))) {
            // what never reached the producer is still registered as unacknowledged and is spooled below
            sender.abandon(Duration.ofSeconds(1));
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

    /** A spooled event goes without trace headers: its request's trace ended long ago. */
    private static ProducerRecord<String, String> record(UsageRecorded event, Map<String, String> trace) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, event.requestId(),
                ContractJson.toJson(event));
        record.headers().add(Topics.EVENT_ID_HEADER, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        trace.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
