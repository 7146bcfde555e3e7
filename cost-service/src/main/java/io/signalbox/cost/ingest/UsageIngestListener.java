package io.signalbox.cost.ingest;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.lineitem.LineItem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Turns usage events into line items, a poll's worth at a time. The event's own price snapshot decides the
 * cost (the price in effect when the request ran), recomputed here so the producer's arithmetic is never
 * trusted blindly. Redelivered events are recognised by their event id and ignored.
 *
 * <p>Failures name the record they belong to ({@link BatchListenerFailedException}), so the error handler
 * commits what came before it, retries or dead-letters that one record and goes on with the rest, exactly
 * as for one record at a time: the records before an unreadable one are stored first; when a batch cannot
 * be stored for a reason other than an unreachable database, its items are stored one by one to find the
 * one at fault.
 */
@Component
class UsageIngestListener {

    private static final Logger log = LoggerFactory.getLogger(UsageIngestListener.class);

    private final UsageBatchWriter writer;

    UsageIngestListener(UsageBatchWriter writer) {
        this.writer = writer;
    }

    @KafkaListener(topics = Topics.USAGE, batch = "true", concurrency = "${signalbox.cost.ingest.concurrency:3}")
    void onUsage(List<ConsumerRecord<String, String>> records) {
        List<LineItem> items = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            UsageRecorded event;
            try {
                event = UsageEventReader.read(record.value());
            }
            catch (RuntimeException unreadable) {
                store(records, items);
                throw new BatchListenerFailedException("Usage message cannot be read", unreadable, record);
            }
            items.add(priced(event));
        }
        store(records, items);
    }

    /** Stores {@code items}, which are the events of the first {@code items.size()} records. */
    private void store(List<ConsumerRecord<String, String>> records, List<LineItem> items) {
        if (items.isEmpty()) {
            return;
        }
        try {
            report(items, writer.write(items));
        }
        catch (RuntimeException failure) {
            if (IngestRetryPolicy.isDatabaseUnavailable(failure)) {
                log.warn("A batch of {} usage events could not be stored because the database is unavailable ({}); "
                        + "it is retried with back-off", items.size(), failure.toString());
                throw new BatchListenerFailedException("Database unavailable", failure, records.get(0));
            }
            log.warn("A batch of {} usage events could not be stored ({}); storing them one by one", items.size(),
                    failure.toString());
            for (int i = 0; i < items.size(); i++) {
                try {
                    report(List.of(items.get(i)), writer.write(List.of(items.get(i))));
                }
                catch (RuntimeException single) {
                    throw new BatchListenerFailedException("Usage event cannot be stored", single, records.get(i));
                }
            }
        }
    }

    private static LineItem priced(UsageRecorded event) {
        LineItem item = LineItem.priced(event);
        if (item.reportedCostDiffers()) {
            log.warn("Usage event {} reported cost {} but its price {} gives {}; storing {}", event.eventId(),
                    event.cost(), event.price() == null ? "(none)" : event.price().priceId(), item.cost(), item.cost());
        }
        if (item.unpriced()) {
            log.debug("Usage event {} (request {}) carries no price; stored with cost 0 and flagged unpriced",
                    event.eventId(), event.requestId());
        }
        return item;
    }

    private static void report(List<LineItem> items, List<LineItem> added) {
        if (added.size() < items.size() && log.isDebugEnabled()) {
            log.debug("{} of {} usage events were already stored; redelivery ignored", items.size() - added.size(),
                    items.size());
        }
    }
}
