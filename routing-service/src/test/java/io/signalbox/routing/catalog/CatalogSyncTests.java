package io.signalbox.routing.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.routing.SampleCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

class CatalogSyncTests {

    private static final Duration NO_RESYNC = Duration.ofHours(1);

    private final CatalogHolder holder = new CatalogHolder();

    private final AtomicLong registryVersion = new AtomicLong(1);

    private final AtomicInteger fetches = new AtomicInteger();

    private CatalogSync sync;

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.stop();
        }
    }

    @Test
    void loadsTheCatalogWhenStarted() {
        start(this::fetchCurrentVersion, NO_RESYNC);

        await().untilAsserted(() -> assertThat(holder.loaded()).map(Catalog::version).contains(1L));
        assertThat(sync.isRunning()).isTrue();
    }

    @Test
    void keepsRetryingUntilTheRegistryAnswers() {
        AtomicInteger failuresLeft = new AtomicInteger(3);
        start(() -> {
            if (failuresLeft.getAndDecrement() > 0) {
                fetches.incrementAndGet();
                throw new IllegalStateException("registry not up yet");
            }
            return fetchCurrentVersion();
        }, NO_RESYNC);

        await().untilAsserted(() -> assertThat(holder.loaded()).isPresent());
        assertThat(fetches).hasValue(4);
    }

    @Test
    void reloadsWhenAnEventCarriesANewerVersion() {
        start(this::fetchCurrentVersion, NO_RESYNC);
        await().until(() -> holder.loaded().isPresent());

        registryVersion.set(2);
        sync.onRegistryChanged(2);

        await().untilAsserted(() -> assertThat(holder.current().version()).isEqualTo(2));
    }

    @Test
    void ignoresEventsForVersionsAlreadyHeld() {
        start(this::fetchCurrentVersion, NO_RESYNC);
        await().until(() -> holder.loaded().isPresent());

        sync.onRegistryChanged(1);
        sync.onRegistryChanged(0);
        registryVersion.set(2);
        sync.onRegistryChanged(2);

        // Loads run one after another in request order, so a load for the stale events would have
        // been counted before the one that brought version 2.
        await().until(() -> holder.current().version() == 2);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void coalescesABurstOfEventsIntoOneRunningAndOneQueuedLoad() throws InterruptedException {
        CountDownLatch inSecondFetch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(() -> {
            CatalogSnapshot snapshot = fetchCurrentVersion();
            if (fetches.get() == 2) {
                inSecondFetch.countDown();
                awaitQuietly(release);
            }
            return snapshot;
        }, NO_RESYNC);
        await().until(() -> holder.loaded().isPresent());

        registryVersion.set(2);
        sync.onRegistryChanged(2);
        assertThat(inSecondFetch.await(5, TimeUnit.SECONDS)).isTrue();
        for (long version = 3; version <= 100; version++) {
            registryVersion.set(version);
            sync.onRegistryChanged(version);
        }
        release.countDown();

        await().untilAsserted(() -> assertThat(holder.current().version()).isEqualTo(100));
        assertThat(fetches).hasValue(3);
    }

    @Test
    void resyncsPeriodicallyWithoutEvents() {
        start(this::fetchCurrentVersion, Duration.ofMillis(20));
        await().until(() -> holder.loaded().isPresent());

        registryVersion.set(5);

        await().untilAsserted(() -> assertThat(holder.current().version()).isEqualTo(5));
    }

    @Test
    void aResyncThatFindsTheHeldVersionCurrentKeepsTheLoadedCatalog() {
        AtomicInteger unchanged = new AtomicInteger();
        start(new CatalogFetcher() {
            @Override
            public CatalogSnapshot fetch() {
                return fetchCurrentVersion();
            }

            @Override
            public Optional<CatalogSnapshot> fetchIfChanged(long heldVersion) {
                if (heldVersion == registryVersion.get()) {
                    unchanged.incrementAndGet();
                    return Optional.empty();
                }
                return Optional.of(fetchCurrentVersion());
            }
        }, Duration.ofMillis(20));
        await().until(() -> holder.loaded().isPresent());
        Catalog loaded = holder.current();

        await().until(() -> unchanged.get() >= 3);
        assertThat(holder.current()).isSameAs(loaded);
        assertThat(fetches).hasValue(1);

        registryVersion.set(6);
        await().untilAsserted(() -> assertThat(holder.current().version()).isEqualTo(6));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void acceptsEventsThatArriveAfterStopWithoutFailing() {
        start(this::fetchCurrentVersion, NO_RESYNC);
        await().until(() -> holder.loaded().isPresent());

        sync.stop();

        assertThatNoException().isThrownBy(() -> sync.onRegistryChanged(2));
        assertThat(sync.isRunning()).isFalse();
        assertThat(holder.current().version()).isEqualTo(1);
    }

    private void start(CatalogFetcher fetcher, Duration resyncInterval) {
        sync = new CatalogSync(fetcher, holder,
                new CatalogSyncProperties(resyncInterval, Duration.ofMillis(5), Duration.ofMillis(20)));
        sync.start();
    }

    private CatalogSnapshot fetchCurrentVersion() {
        fetches.incrementAndGet();
        return SampleCatalog.snapshot(registryVersion.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
