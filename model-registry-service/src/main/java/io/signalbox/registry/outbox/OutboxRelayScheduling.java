package io.signalbox.registry.outbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the relay every {@code signalbox.outbox.relay-interval} unless the relay is switched off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxRelayScheduling implements SchedulingConfigurer {

    private final OutboxRelay relay;

    private final OutboxProperties properties;

    OutboxRelayScheduling(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.relayEnabled()) {
            registrar.addFixedDelayTask(relay::relayLogged, properties.relayInterval());
        }
    }
}
