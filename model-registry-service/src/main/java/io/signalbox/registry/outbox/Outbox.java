package io.signalbox.registry.outbox;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.registry.common.Times;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Puts events in the outbox, inside the transaction of the change that caused them. */
@Component
public class Outbox {

    private final OutboxRepository events;

    private final Clock clock;

    Outbox(OutboxRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param eventId the event's id, which consumers de-duplicate on
     * @param payload the event as written by the contract codec; sent byte for byte
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID eventId, String topic, String key, String payload) {
        events.save(new OutboxEvent(eventId, topic, key, payload, Times.now(clock)));
    }

    /** How many events are waiting to be relayed. */
    @Transactional(readOnly = true)
    public long pending() {
        return events.countByPublishedAtIsNull();
    }
}
