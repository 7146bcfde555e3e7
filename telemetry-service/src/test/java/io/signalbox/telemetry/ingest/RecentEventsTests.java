package io.signalbox.telemetry.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.SequencedSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentEventsTests {

    @Test
    void anEventIsNewOnlyTheFirstTime() {
        RecentEvents recent = new RecentEvents(1_000);
        UUID id = UUID.randomUUID();

        assertThat(recent.firstSighting(id)).isTrue();
        assertThat(recent.firstSighting(id)).isFalse();
        assertThat(recent.firstSighting(UUID.randomUUID())).isTrue();
    }

    @Test
    void theOldestIdsAreForgottenFirstOnceTheMemoryIsFull() {
        RecentEvents recent = new RecentEvents(1_000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            assertThat(recent.firstSighting(id)).isTrue();
        }

        for (UUID remembered : ids.subList(500, 1_500)) {
            assertThat(recent.firstSighting(remembered)).isFalse();
        }
        assertThat(recent.firstSighting(ids.get(499))).isTrue();
    }

    @Test
    void agreesWithAFirstInFirstOutSetThroughHeavyChurn() {
        // ids drawn from a pool about twice the memory, so that half the sightings are repeats and every eviction
        // removes an entry from the middle of some probe run; time-ordered ids, as UUIDv7 event ids are
        RecentEvents recent = new RecentEvents(1_000);
        SequencedSet<UUID> model = new LinkedHashSet<>();
        List<UUID> pool = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            pool.add(new UUID(0x0190_0000_0000_7000L + ((long) i << 16), 0x8000_0000_0000_0000L + i));
        }
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            UUID id = pool.get(random.nextInt(pool.size()));
            boolean expected = !model.contains(id);
            if (expected) {
                model.addLast(id);
                if (model.size() > 1_000) {
                    model.removeFirst();
                }
            }
            assertThat(recent.firstSighting(id)).as("sighting %d of %s", i, id).isEqualTo(expected);
        }
    }

    @Test
    void aMemoryTooLargeToAddressIsRefused() {
        assertThatThrownBy(() -> new RecentEvents(RecentEvents.MAX_CAPACITY + 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentDeliveriesOfOneEventCountOnce() throws Exception {
        RecentEvents recent = new RecentEvents(1_000);
        UUID id = UUID.randomUUID();
        AtomicInteger firsts = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                done.add(pool.submit(() -> {
                    if (recent.firstSighting(id)) {
                        firsts.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }

        assertThat(firsts).hasValue(1);
    }
}
