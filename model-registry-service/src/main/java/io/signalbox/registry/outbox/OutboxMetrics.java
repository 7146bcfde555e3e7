package io.signalbox.registry.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code signalbox.outbox.pending}: events not yet acknowledged by Kafka. It grows only while the
 * relay cannot publish, so an alert on it finds a broken relay before consumers miss changes.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private final Outbox outbox;

    OutboxMetrics(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("signalbox.outbox.pending", outbox, Outbox::pending)
                .description("Registry change events waiting to be published to Kafka")
                .baseUnit("events")
                .register(registry);
    }
}
