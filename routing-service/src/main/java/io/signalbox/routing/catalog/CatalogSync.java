package io.signalbox.routing.catalog;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Keeps {@link CatalogHolder} in step with the registry. Every load runs on one dedicated thread, so
 * loads never overlap and the last one to finish is the newest. Requests to reload are coalesced: at
 * most one load runs and at most one more waits behind it, however many registry events arrive in a
 * burst. A failed load is retried with exponential backoff until it succeeds; requests that arrive
 * meanwhile wait for that retry instead of hammering a registry that is down.
 */
@Component
class CatalogSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogSync.class);

    private final CatalogFetcher fetcher;

    private final CatalogHolder holder;

    private final CatalogSyncProperties properties;

    private final ExponentialBackOff backOff;

    /** True while a load is queued (not yet started) or a retry is scheduled. */
    private final AtomicBoolean queued = new AtomicBoolean();

    private volatile @Nullable ScheduledExecutorService executor;

    /** Confined to the sync thread. */
    private @Nullable BackOffExecution failing;

    CatalogSync(CatalogFetcher fetcher, CatalogHolder holder, CatalogSyncProperties properties) {
        this.fetcher = fetcher;
        this.holder = holder;
        this.properties = properties;
        this.backOff = new ExponentialBackOff(properties.retryInitialDelay().toMillis(), 2.0);
        this.backOff.setMaxInterval(properties.retryMaxDelay().toMillis());
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "catalog-sync");
            thread.setDaemon(true);
            return thread;
        });
        executor = started;
        requestReload();
        long resync = properties.resyncInterval().toMillis();
        started.scheduleWithFixedDelay(this::requestReload, resync, resync, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /**
     * Reacts to a registry change: reloads only when the change is newer than the catalog held, so
     * the echo of a change already loaded costs nothing.
     */
    void onRegistryChanged(long catalogVersion) {
        long held = holder.loaded().map(Catalog::version).orElse(Long.MIN_VALUE);
        if (catalogVersion > held) {
            requestReload();
        }
    }

    /** Asks for a load; does nothing when one is already waiting to run. */
    void requestReload() {
        ScheduledExecutorService running = executor;
        if (running == null || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            running.execute(this::load);
        }
        catch (RejectedExecutionException ex) {
            queued.set(false);
        }
    }

    private void load() {
        // From here on a new request queues one more load: it may be about a version this one misses.
        queued.set(false);
        try {
            Catalog previous = holder.loaded().orElse(null);
            Catalog catalog;
            if (previous == null) {
                catalog = Catalog.of(fetcher.fetch());
            }
            else {
                Optional<CatalogSnapshot> changed = fetcher.fetchIfChanged(previous.version());
                if (changed.isEmpty()) {
                    failing = null;
                    log.debug("Catalog version {} is still current", previous.version());
                    return;
                }
                catalog = Catalog.of(changed.get());
            }
            holder.replace(catalog);
            failing = null;
            logLoaded(previous, catalog);
        }
        catch (RuntimeException ex) {
            scheduleRetry(ex);
        }
    }

    private void scheduleRetry(RuntimeException ex) {
        BackOffExecution execution = failing;
        if (execution == null) {
            execution = backOff.start();
            failing = execution;
        }
        long delay = execution.nextBackOff();
        log.warn("Could not load the catalog from the registry ({}); retrying in {} ms", ex.toString(), delay);
        log.debug("Catalog load failure", ex);
        ScheduledExecutorService running = executor;
        if (running != null && queued.compareAndSet(false, true)) {
            try {
                running.schedule(this::load, delay, TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException shuttingDown) {
                queued.set(false);
            }
        }
    }

    private static void logLoaded(@Nullable Catalog previous, Catalog catalog) {
        if (previous == null) {
            log.info("Loaded catalog version {} ({} routes, {} models); ready to route",
                    catalog.version(), catalog.routeCount(), catalog.modelCount());
        }
        else if (previous.version() != catalog.version()) {
            if (catalog.version() < previous.version()) {
                log.warn("The registry now serves catalog version {}, older than {}; using it as the source of truth",
                        catalog.version(), previous.version());
            }
            log.info("Catalog version {} replaces {} ({} routes, {} models)",
                    catalog.version(), previous.version(), catalog.routeCount(), catalog.modelCount());
        }
    }
}
