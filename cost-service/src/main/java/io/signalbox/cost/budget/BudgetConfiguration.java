package io.signalbox.cost.budget;

import io.signalbox.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Budget wiring: the status topic (created at startup when missing, because brokers here do not auto-create
 * topics), alert delivery every {@code alerts.poll-interval} and the anomaly check every
 * {@code anomaly.check-interval} unless it is switched off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BudgetProperties.class)
@EnableScheduling
class BudgetConfiguration implements SchedulingConfigurer {

    private final BudgetProperties properties;

    private final AlertDeliverer deliverer;

    private final SpendAnomalyCheck anomalies;

    BudgetConfiguration(BudgetProperties properties, AlertDeliverer deliverer, SpendAnomalyCheck anomalies) {
        this.properties = properties;
        this.deliverer = deliverer;
        this.anomalies = anomalies;
    }

    /** Compacted: the topic holds the latest status per budget scope, and a tombstone removes one. */
    @Bean
    NewTopic budgetStatusTopic() {
        return TopicBuilder.name(Topics.BUDGET_STATUS)
                .partitions(properties.status().partitions())
                .compact()
                .build();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(deliverer::deliverDueLogged, properties.alerts().pollInterval());
        if (properties.anomaly().enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(anomalies::checkLogged, properties.anomaly().checkInterval(),
                    properties.anomaly().checkInterval()));
        }
    }
}
