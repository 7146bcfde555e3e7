package io.signalbox.cost.ingest;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.cost.lineitem.LineItem;
import io.signalbox.cost.lineitem.LineItemStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns each usage event into a line item. The event's own price snapshot decides the cost (the
 * price in effect when the request ran), recomputed here so the producer's arithmetic is never
 * trusted blindly. Redelivered events are recognised by their event id and ignored.
 */
@Component
class UsageIngestListener {

    private static final Logger log = LoggerFactory.getLogger(UsageIngestListener.class);

    private final LineItemStore lineItems;

    UsageIngestListener(LineItemStore lineItems) {
        this.lineItems = lineItems;
    }

    @KafkaListener(topics = Topics.USAGE)
    void onUsage(ConsumerRecord<String, String> record) {
        UsageRecorded event = UsageEventReader.read(record.value());
        LineItem item = LineItem.priced(event);
        if (item.reportedCostDiffers()) {
            log.warn("Usage event {} reported cost {} but its price {} gives {}; storing {}", event.eventId(),
                    event.cost(), event.price() == null ? "(none)" : event.price().priceId(), item.cost(), item.cost());
        }
        if (item.unpriced()) {
            log.debug("Usage event {} (request {}) carries no price; stored with cost 0 and flagged unpriced",
                    event.eventId(), event.requestId());
        }
        if (!lineItems.add(item)) {
            log.debug("Usage event {} was already stored; redelivery ignored", event.eventId());
        }
    }
}
