package io.signalbox.cost.ingest;

import java.util.List;

import io.signalbox.cost.budget.BudgetLedger;
import io.signalbox.cost.lineitem.LineItem;
import io.signalbox.cost.lineitem.LineItemPartitions;
import io.signalbox.cost.lineitem.LineItemStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of priced usage events in one transaction: the line items, their rollups and everything
 * else that must move with them for exactly the items that were new (a redelivered event adds nothing).
 */
@Component
class UsageBatchWriter {

    private static final Logger log = LoggerFactory.getLogger(UsageBatchWriter.class);

    private final LineItemStore lineItems;

    private final LineItemPartitions partitions;

    private final TransactionTemplate transaction;

    private final BudgetLedger budgets;

    UsageBatchWriter(LineItemStore lineItems, LineItemPartitions partitions, PlatformTransactionManager transactions,
            BudgetLedger budgets) {
        this.lineItems = lineItems;
        this.partitions = partitions;
        this.budgets = budgets;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Stores the items that are not stored yet.
     *
     * @return the items that were new, in the order given
     */
    List<LineItem> write(List<LineItem> items) {
        partitions.ensureFor(items);
        try {
            return store(items);
        }
        catch (DataIntegrityViolationException ex) {
            if (!String.valueOf(ex.getMessage()).contains("no partition of relation")) {
                throw ex;
            }
            // another replica's retention dropped a partition this one remembered
            log.info("A line-item partition was missing; creating it and writing the batch again");
            partitions.forget();
            partitions.ensureFor(items);
            return store(items);
        }
    }

    private List<LineItem> store(List<LineItem> items) {
        List<LineItem> added = transaction.execute(status -> {
            List<LineItem> inserted = lineItems.addAll(items);
            budgets.recordAll(inserted); // budget counters move with exactly the new line items
            return inserted;
        });
        return added == null ? List.of() : added;
    }
}
