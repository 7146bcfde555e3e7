package io.signalbox.cost.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.json.ContractJson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link BudgetStatus} to the compacted {@code signalbox.budget-status.v1}, keyed by
 * {@link BudgetStatus#key()}. Changed budgets are coalesced: at high usage rates a budget is published at most once
 * per {@code flush-interval} (1 s), except that a change of state (ok, soft, hard) is published at once. Every
 * budget is also published every {@code republish-interval}, and within a flush of its period ending, so that a new
 * period's status reaches routing at rollover. Deleted budgets are tombstoned, and tombstoned again at each
 * republish for an hour, in case another instance published a stale status after the first tombstone.
 *
 * <p>All sends happen on one thread, in order, so a budget's tombstone never overtakes its last status.
 */
@Component
class BudgetStatusPublisher implements SmartLifecycle {

    /** How long a retired status key is tombstoned again at every republish. */
    static final Duration RETIRED_KEY_MEMORY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(BudgetStatusPublisher.class);

    private final BudgetStore store;

    private final BudgetStatuses statuses;

    private final KafkaTemplate<String, String> kafka;

    private final BudgetProperties.Status properties;

    private final Clock clock;

    private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();

    private final Queue<String> tombstones = new ConcurrentLinkedQueue<>();

    /** When the period last published for each budget ends: from then on it is due again. */
    private final Map<UUID, Instant> publishedUntil = new ConcurrentHashMap<>();

    private final AtomicBoolean flushQueued = new AtomicBoolean();

    private volatile @Nullable ScheduledExecutorService executor;

    @Autowired
    BudgetStatusPublisher(BudgetStore store, BudgetStatuses statuses, KafkaTemplate<String, String> kafka,
            BudgetProperties properties) {
        this(store, statuses, kafka, properties, Clock.systemUTC());
    }

    BudgetStatusPublisher(BudgetStore store, BudgetStatuses statuses, KafkaTemplate<String, String> kafka,
            BudgetProperties properties, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.kafka = kafka;
        this.properties = properties.status();
        this.clock = clock;
    }

    /**
     * The spend of these budgets changed.
     *
     * @param stateChanged whether any of them changed state: publish now rather than at the next flush
     */
    void changed(Collection<UUID> budgetIds, boolean stateChanged) {
        dirty.addAll(budgetIds);
        if (stateChanged) {
            flushSoon();
        }
    }

    /** No budget publishes under {@code statusKey} any more: tombstone it now. */
    void retired(String statusKey) {
        tombstones.add(statusKey);
        flushSoon();
    }

    private void flushSoon() {
        ScheduledExecutorService running = executor;
        if (running != null && flushQueued.compareAndSet(false, true)) {
            running.execute(this::flushLogged);
        }
    }

    /**
     * Sends tombstones, then the status of every changed budget and of every budget whose period has ended. When
     * Kafka refuses a record at once (it is unreachable), the rest waits for the next flush rather than each record
     * waiting out the producer's timeout.
     */
    void flush() {
        flushQueued.set(false);
        Instant now = clock.instant();
        List<String> retired = new ArrayList<>();
        for (String key = tombstones.poll(); key != null; key = tombstones.poll()) {
            retired.add(key);
        }
        for (int i = 0; i < retired.size(); i++) {
            if (!tombstone(retired.get(i))) {
                tombstones.addAll(retired.subList(i + 1, retired.size()));
                return;
            }
        }
        publishedUntil.forEach((id, end) -> {
            if (!now.isBefore(end)) {
                dirty.add(id);
            }
        });
        List<UUID> due = new ArrayList<>(dirty);
        dirty.removeAll(due);
        for (int i = 0; i < due.size(); i++) {
            Optional<Budget> budget = store.find(due.get(i));
            if (budget.isEmpty()) {
                publishedUntil.remove(due.get(i));
            }
            else if (!publish(budget.get(), now, false)) {
                dirty.addAll(due.subList(i + 1, due.size()));
                return;
            }
        }
    }

    /** Publishes every budget, and tombstones the keys retired within the last hour that no budget took again. */
    void republishAll() {
        Instant now = clock.instant();
        for (String key : store.retiredStatusKeys(now.minus(RETIRED_KEY_MEMORY))) {
            if (send(key, null).isCompletedExceptionally()) {
                return;
            }
        }
        List<Budget> budgets = store.findAll();
        publishedUntil.keySet().retainAll(budgets.stream().map(Budget::id).toList());
        for (int i = 0; i < budgets.size(); i++) {
            dirty.remove(budgets.get(i).id());
            if (!publish(budgets.get(i), now, true)) {
                budgets.subList(i + 1, budgets.size()).forEach(rest -> dirty.add(rest.id()));
                return;
            }
        }
    }

    /** @return false when Kafka refused the record at once; the budget is then due again */
    private boolean publish(Budget budget, Instant now, boolean raiseReached) {
        BudgetStatus status;
        try {
            status = statuses.current(budget, now, raiseReached);
        }
        catch (RuntimeException ex) {
            // For instance the budget was deleted meanwhile; the next flush finds out and forgets it.
            log.warn("Budget {} could not be read for publishing; trying again with the next flush: {}", budget.id(),
                    ex.toString());
            dirty.add(budget.id());
            return true;
        }
        publishedUntil.put(budget.id(), status.periodEnd());
        CompletableFuture<?> sent = send(status.key(), ContractJson.toJson(status)).whenComplete((ok, failure) -> {
            if (failure != null) {
                dirty.add(budget.id());
            }
        });
        return !sent.isCompletedExceptionally();
    }

    /** @return false when Kafka refused the tombstone at once; it is then due again */
    private boolean tombstone(String key) {
        if (store.holdsStatusKey(key)) {
            return true;
        }
        CompletableFuture<?> sent = send(key, null).whenComplete((ok, failure) -> {
            if (failure != null) {
                tombstones.add(key);
            }
        });
        return !sent.isCompletedExceptionally();
    }

    private CompletableFuture<?> send(String key, @Nullable String value) {
        try {
            return kafka.send(Topics.BUDGET_STATUS, key, value).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.warn("Budget status {} was not published ({}); it is sent again with the next flush", key,
                            failure.toString());
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Budget status {} was not published ({}); it is sent again with the next flush", key,
                    ex.toString());
            return CompletableFuture.failedFuture(ex);
        }
    }

    private void flushLogged() {
        try {
            flush();
        }
        catch (RuntimeException ex) {
            log.warn("Budget status flush failed; changed budgets are published with the next one", ex);
        }
    }

    private void republishLogged() {
        try {
            republishAll();
        }
        catch (RuntimeException ex) {
            log.warn("Republishing every budget status failed; the next run tries again", ex);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("budget-status-publisher").daemon().factory());
        started.scheduleWithFixedDelay(this::republishLogged, 0, properties.republishInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        started.scheduleWithFixedDelay(this::flushLogged, properties.flushInterval().toMillis(),
                properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    /** Publishes what changed since the last flush, then stops. */
    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.execute(this::flushLogged);
        running.shutdown();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
