package io.signalbox.routing.budget;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.budget.BudgetStatus;
import io.signalbox.routing.kafka.CompactedTopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
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

    private final BudgetStates states;

    BudgetStatusListener(BudgetStates states) {
        this.states = states;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.BUDGET_STATUS, groupId = "routing-service-budgets-${random.uuid}",
            properties = "auto.offset.reset=earliest")
    void onBudgetStatus(ConsumerRecord<@Nullable String, @Nullable String> record) {
        CompactedTopicRecords.apply(record, BudgetStatus.class, states::apply, states::remove);
    }
}
