package io.signalbox.telemetry.ingest;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness waits until the usage consumer has joined its group. A new group starts at the end of the
 * topic, so events published between "ready" and the first assignment would otherwise never be counted.
 * Registered as {@code usageConsumer} in the readiness group.
 */
@Component("usageConsumer")
class UsageConsumerHealthIndicator implements HealthIndicator {

    private final AtomicBoolean joined = new AtomicBoolean();

    void markJoined() {
        joined.set(true);
    }

    @Override
    public Health health() {
        return joined.get() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "usage consumer has not joined its group yet").build();
    }
}
