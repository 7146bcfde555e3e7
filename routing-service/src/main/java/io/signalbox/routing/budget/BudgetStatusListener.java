package io.signalbox.routing.budget;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.contracts.json.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the compacted budget topic into {@link BudgetStates}. Every routing instance needs every budget, so
 * each is its own consumer group (a random group id) and reads the topic from the beginning at start; the
 * compacted topic holds the latest status per scope, so that is a short read.
 */
@Component
class BudgetStatusListener {

    static final String LISTENER_ID = "budget-status";

    private static final Logger log = LoggerFactory.getLogger(BudgetStatusListener.class);

    private final BudgetStates states;

    BudgetStatusListener(BudgetStates states) {
        this.states = states;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.BUDGET_STATUS, groupId = "routing-service-budgets-${random.uuid}",
            properties = "auto.offset.reset=earliest")
    void onBudgetStatus(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                states.remove(record.key());
            }
            return;
        }
        BudgetStatus status;
        try {
            status = ContractJson.fromJson(record.value(), BudgetStatus.class);
        }
        catch (RuntimeException malformed) {
            // A status that cannot be read must not stop the others; the next status for the scope replaces it.
            log.warn("Skipping an unreadable budget status at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), malformed.getMessage());
            return;
        }
        log.debug("Budget {} ({}): {} of {}/{} {} spent in {}, state {}", status.budgetId(), status.key(),
                status.spent(), status.softLimit(), status.hardLimit(), status.currency(), status.period(),
                status.state());
        states.apply(status);
    }
}
