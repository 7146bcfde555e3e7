package io.signalbox.telemetry.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
