package io.signalbox.telemetry.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.window.UsageWindows;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Refills the rolling windows from the usage topic when the service starts, so that a restart does not empty the
 * 1-minute, 5-minute and 1-hour statistics (and the endpoint health and alerts computed from them) for up to an
 * hour.
 *
 * <p>The usage listener resumes at its group's committed offsets; the events of the last hour before those offsets
 * were counted by the previous instance, whose windows are gone. This reads exactly that range: per partition, from
 * the first record of the last hour up to (not including) the committed offset, read before the listener starts,
 * and hands each event to the windows only: counters, statistics since start and quality sampling saw them before,
 * so those do not count them again. The listener counts everything from the committed offset on, so no event is in
 * a window twice. A group that never committed (a first start) has nothing to refill: it starts at the end of the
 * topic. The windows place each event by when its request finished, so replayed events land where they happened.
 *
 * <p>The committed offsets are read as this lifecycle starts, in a phase before the listener containers'; the
 * reading itself runs on its own thread, bounded by {@code signalbox.telemetry.ingest.window-replay-timeout}, while
 * the listener counts live traffic. If Kafka cannot be asked, the service starts with empty windows, as before.
 */
final class WindowReplay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WindowReplay.class);

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;

    private final UsageWindows windows;

    private final Clock clock;

    private final Counter replayed;

    private final long recentEventIds;

    private final Duration timeout;

    private volatile boolean started;

    private volatile boolean stopped;

    private @Nullable Thread worker;

    /**
     * @param consumerConfig the usage listener's consumer configuration; its {@code group.id} names the offsets
     *     to replay up to, and nothing is ever committed under it here
     */
    WindowReplay(Map<String, Object> consumerConfig, UsageWindows windows, Clock clock, MeterRegistry registry,
            long recentEventIds, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "telemetry-window-replay");
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.consumerConfig = Map.copyOf(config);
        this.windows = windows;
        this.clock = clock;
        this.recentEventIds = recentEventIds;
        this.timeout = timeout;
        this.replayed = Counter.builder("signalbox.telemetry.window.replayed.events")
                .description("Usage events of the last hour read back into the windows after a restart")
                .register(registry);
    }

    @Override
    public void start() {
        started = true;
        if (timeout.isZero()) {
            return;
        }
        Plan plan;
        try {
            plan = plan();
        }
        catch (RuntimeException unavailable) {
            log.warn("Window replay skipped, the windows start empty: the usage topic's committed offsets could not "
                    + "be read ({})", IngestConfiguration.rootMessage(unavailable));
            return;
        }
        if (plan.until().isEmpty()) {
            return;
        }
        worker = Thread.ofPlatform().name("window-replay").daemon().start(() -> {
            long began = System.nanoTime();
            try {
                long count = replay(plan, timeout);
                log.info("Replayed {} usage events of the last hour into the windows in {} ms", count,
                        Duration.ofNanos(System.nanoTime() - began).toMillis());
            }
            catch (RuntimeException failed) {
                log.warn("Window replay failed, the windows miss some of the last hour: {}",
                        IngestConfiguration.rootMessage(failed));
            }
        });
    }

    @Override
    public void stop() {
        stopped = true;
        Thread running = worker;
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(5));
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started && !stopped;
    }

    /** Before the listener containers ({@code AbstractMessageListenerContainer.DEFAULT_PHASE}) start. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }

    /** Where each partition's replay ends: the group's committed offsets, read before the usage listener starts. */
    Plan plan() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.USAGE, KAFKA_TIMEOUT);
            Set<TopicPartition> all = partitions.stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(all, KAFKA_TIMEOUT);
            Map<TopicPartition, Long> until = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    until.put(partition, offset.offset());
                }
            });
            return new Plan(Map.copyOf(until), clock.millis() - UsageWindows.RETAINED.toMillis());
        }
    }

    /** Reads the plan's range into the windows; answers how many events it handed over. */
    long replay(Plan plan, Duration timeout) {
        if (plan.until().isEmpty()) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        RecentEvents seen = new RecentEvents(recentEventIds);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            Map<TopicPartition, Long> times = new HashMap<>();
            plan.until().keySet().forEach(partition -> times.put(partition, plan.fromMillis()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, KAFKA_TIMEOUT);
            Map<TopicPartition, Long> startAt = new HashMap<>();
            Map<TopicPartition, Long> remaining = new HashMap<>();
            plan.until().forEach((partition, end) -> {
                @Nullable OffsetAndTimestamp start = starts.get(partition);
                // none: nothing of the last hour is before the committed offset
                if (start != null && start.offset() < end) {
                    startAt.put(partition, start.offset());
                    remaining.put(partition, end);
                }
            });
            if (remaining.isEmpty()) {
                return 0;
            }
            consumer.assign(startAt.keySet());
            startAt.forEach(consumer::seek);
            while (!remaining.isEmpty() && !stopped) {
                if (System.nanoTime() > deadline) {
                    log.warn("Window replay stopped after {}: {} partitions not read to their committed offsets; "
                            + "the windows miss some of the last hour", timeout, remaining.size());
                    break;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = remaining.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    if (hand(record, seen)) {
                        count++;
                    }
                }
                for (TopicPartition partition : Set.copyOf(remaining.keySet())) {
                    if (consumer.position(partition, KAFKA_TIMEOUT) >= remaining.get(partition)) {
                        remaining.remove(partition);
                        consumer.pause(Set.of(partition));
                    }
                }
            }
        }
        replayed.increment(count);
        return count;
    }

    /** Hands one replayed record to the windows; false if it is unreadable or an event already handed over. */
    private boolean hand(ConsumerRecord<String, String> record, RecentEvents seen) {
        UsageRecorded event;
        try {
            event = UsageEventReader.read(record.value());
        }
        catch (RuntimeException unreadable) {
            return false; // the previous instance skipped it, and counted it as rejected
        }
        if (!seen.firstSighting(event.eventId())) {
            return false;
        }
        windows.record(event);
        return true;
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * What to replay.
     *
     * @param until per partition, the committed offset the replay stops before (partitions without one: none)
     * @param fromMillis records with an earlier timestamp are older than the longest window
     */
    record Plan(Map<TopicPartition, Long> until, long fromMillis) {
    }
}
