package io.signalbox.telemetry.budget;

import java.util.List;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.json.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads cost-service's compacted budget-status topic from its beginning at start (a consumer group of its own)
 * into {@link BudgetGauges}: a value replaces, a tombstone removes, an unreadable record is logged and skipped.
 */
class BudgetStatusListener {

    private static final Logger log = LoggerFactory.getLogger(BudgetStatusListener.class);

    private final BudgetGauges gauges;

    BudgetStatusListener(BudgetGauges gauges) {
        this.gauges = gauges;
    }

    @KafkaListener(id = "budget-status", topics = Topics.BUDGET_STATUS,
            groupId = "telemetry-budget-status-${random.uuid}", properties = "auto.offset.reset=earliest",
            batch = "true")
    void onStatus(List<ConsumerRecord<@Nullable String, @Nullable String>> records) {
        for (ConsumerRecord<@Nullable String, @Nullable String> record : records) {
            String value = record.value();
            if (value == null) {
                if (record.key() != null) {
                    gauges.remove(record.key());
                }
                continue;
            }
            try {
                gauges.apply(ContractJson.fromJson(value, BudgetStatus.class));
            }
            catch (RuntimeException unreadable) {
                log.warn("Skipping budget status {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        unreadable.getMessage());
            }
        }
    }
}
